/**
 * The beginner explanations, as data: each entry matches the error line of a grading message
 * ("TypeError: 'NoneType' object is not subscriptable") and gives a title and plain words
 * (what it means, the most likely cause, what to try). More specific entries come first:
 * the first match wins. `{1}` in a text is replaced by the pattern's first capture group.
 */
import type { LimitName } from "../report.js";

export interface ErrorEntry {
  /** matched against "ErrorName: detail" (the detail may be empty) */
  pattern: RegExp;
  title: string;
  text: string;
}

export const ERROR_TABLE: readonly ErrorEntry[] = [
  {
    pattern: /^TypeError: 'NoneType' object is not subscriptable/,
    title: "You used [...] on None",
    text: "Something you indexed with [...] is None, not a list or dict. A function that ends without `return` gives None: check that the function you got this value from returns its result on every path.",
  },
  {
    pattern: /^TypeError: 'NoneType' object is not iterable/,
    title: "You looped over None",
    text: "Something you loop over (with `for`, or unpack into several names) is None. A function that ends without `return` gives None, and so do list methods such as `.append()` and `.sort()`: check where this value comes from and that it is really returned.",
  },
  {
    pattern: /^TypeError: (?:object of type )?'NoneType' (?:object )?has no len\(\)/,
    title: "You asked for the length of None",
    text: "`len()` was given None. Most often a function ended without `return` (so it gave None): check that your function returns its result on every path.",
  },
  {
    pattern: /^AttributeError: 'NoneType' object has no attribute '([^']*)'/,
    title: "You called .{1} on None",
    text: "The value before `.{1}` is None, not the object you expected. A function that ends without `return` gives None, and so do methods that change a list in place (`.append()`, `.sort()`): don't assign their result. Check where this value comes from.",
  },
  {
    pattern: /^TypeError: can only concatenate str \(not "([^"]*)"\) to str/,
    title: "You added text and a {1}",
    text: "`+` between a string and a {1} does not work: Python does not turn numbers into text on its own. Convert first: `str(x)` to build text, or `int(x)` / `float(x)` if you meant to add numbers. Check which of the two values is text here.",
  },
  {
    pattern: /^TypeError: can only concatenate (\w+) \(not "([^"]*)"\) to \w+/,
    title: "You used + between values of different types",
    text: "`+` can join a {1} only with another {1}. To add one item to a list, use `.append(item)` or `[item]`; to add numbers, add the items one by one. Check the types of both sides on this line.",
  },
  {
    pattern: /^TypeError: unsupported operand type\(s\) for ([^:]+): '([^']*)' and '([^']*)'/,
    title: "This operation does not work on these types",
    text: "Python cannot apply {1} to these two kinds of value. If one of them is 'NoneType', a function probably ended without `return`; if one is 'str', convert it with `int()` or `float()` first. Print the two values to see what they really are.",
  },
  {
    pattern: /^TypeError: (\S+)\(\) missing (\d+) required (?:positional|keyword-only) arguments?/,
    title: "A call is missing arguments",
    text: "`{1}()` was called with fewer arguments than its `def` line asks for. Compare the call on this line with the parameters of `{1}`: pass every value it needs, in the same order.",
  },
  {
    pattern: /^TypeError: (\S+)\(\) takes (\d+) positional arguments? but (\d+) (?:was|were) given/,
    title: "A call has too many arguments",
    text: "`{1}()` was called with more arguments than its `def` line accepts. For a method, remember that `self` counts as one. Compare the call with the definition.",
  },
  {
    pattern: /^TypeError: '(\w+)' object is not subscriptable/,
    title: "You used [...] on a {1}",
    text: "A {1} cannot be indexed with [...]. Check that this variable holds the list, string or dict you think it holds; printing it helps.",
  },
  {
    pattern: /^TypeError: '(\w+)' object is not callable/,
    title: "You called a {1} as if it were a function",
    text: "There are parentheses `(...)` after something that is a {1}, not a function. Often a variable has the same name as a function (like `sum = 0` then `sum(...)`): rename the variable.",
  },
  {
    pattern: /^TypeError: /,
    title: "A value has the wrong type",
    text: "An operation got a kind of value it cannot work with (for example text where a number was needed, or None). Print the values used on this line to see their real types.",
  },
  {
    pattern: /^UnboundLocalError: /,
    title: "A variable is used before it gets a value in this function",
    text: "Because the function assigns to this name (with `=` or `+=`) somewhere, Python treats it as a new local variable, and here it has no value yet. Give it a starting value inside the function (like `total = 0` before the loop) instead of relying on a variable outside it.",
  },
  {
    pattern: /^NameError: name '([^']*)' is not defined/,
    title: "Python does not know the name '{1}'",
    text: "'{1}' is used before it was defined, or it is misspelled (capital letters count). Check the spelling against where you created it, that it was assigned before this line, and that it is not a variable of another function.",
  },
  {
    pattern: /^AttributeError: '(\w+)' object has no attribute '([^']*)'/,
    title: "A {1} has no .{2}",
    text: "Values of type {1} have no attribute or method called `{2}`. Check the spelling, and that the variable holds the kind of value you expect (for example lists use `.append()`, not `.add()`).",
  },
  {
    pattern: /^AttributeError: /,
    title: "This attribute does not exist",
    text: "The name after the dot does not exist on this value. Check the spelling and what kind of value is before the dot.",
  },
  {
    pattern: /^KeyError: (.*)/,
    title: "The key {1} is not in the dictionary",
    text: "`d[key]` fails when the key is missing. Check the spelling and type of the key (\"1\" is not 1), use `key in d` to test first, or `d.get(key, default)` to get a default value.",
  },
  {
    pattern: /^IndexError: /,
    title: "An index is past the end",
    text: "You asked for a position that does not exist. A list of n items has positions 0 to n - 1, and an empty list has none. Check the range of your loop (often off by one) and what happens with an empty list.",
  },
  {
    pattern: /^ZeroDivisionError: /,
    title: "Division by zero",
    text: "A number was divided by zero (with /, // or %). Check the value you divide by, for example the length of an empty list, and handle that case before dividing.",
  },
  {
    pattern: /^RecursionError: /,
    title: "A function calls itself without end",
    text: "A function keeps calling itself (directly or through another function) and never stops. Check that there is a base case that returns without calling again, and that each call gets closer to it.",
  },
  {
    pattern: /^ValueError: invalid literal for int\(\) with base \d+: (.*)/,
    title: "This text is not a whole number",
    text: "`int()` was given {1}, which is not written as a whole number. Remove spaces or other characters first (`.strip()`), use `float()` for numbers with a decimal point, or check the text before converting.",
  },
  {
    pattern: /^ValueError: could not convert string to float: (.*)/,
    title: "This text is not a number",
    text: "`float()` was given {1}, which is not written as a number. Remove spaces or other characters first (`.strip()`), or check the text before converting.",
  },
  {
    pattern: /^ModuleNotFoundError: No module named '([^']*)'/,
    title: "There is no module called '{1}'",
    text: "The import of '{1}' failed. Check the spelling; only the standard library and the packages this track lists are installed in the grader.",
  },
  {
    pattern: /^TabError: /,
    title: "Tabs and spaces are mixed",
    text: "This line is indented with a mix of tabs and spaces. Use spaces only (4 per level); most editors can turn tabs into spaces for the whole file.",
  },
  {
    pattern: /^IndentationError: expected an indented block/,
    title: "A block is missing its indented body",
    text: "After a line that ends with `:` (def, if, for, while...) the next line must be indented. Indent the body by 4 spaces, or write `pass` if it is meant to be empty.",
  },
  {
    pattern: /^IndentationError: unexpected indent/,
    title: "This line is indented too far",
    text: "This line starts further right than the lines around it, but nothing before it (like a `:` line) opens a block. Line it up with the code above.",
  },
  {
    pattern: /^IndentationError: /,
    title: "The indentation does not line up",
    text: "Python uses indentation to know which lines belong together. Lines in the same block must start at the same column: check this line and the one above it.",
  },
  {
    pattern: /^SyntaxError: expected ':'/,
    title: "A ':' is missing",
    text: "Lines that start a block (def, if, elif, else, for, while, class) must end with a colon. Add `:` at the end of this line.",
  },
  {
    pattern: /^SyntaxError: /,
    title: "Python cannot read this line",
    text: "The code is not valid Python here, so nothing ran. Look at this line and the one before it for a missing `:`, bracket or quote, or a misspelled keyword.",
  },
];

/** Plain words for each named limit: what it means and what usually causes it. */
export const LIMIT_TEXT: Readonly<Record<LimitName, { title: string; text: string }>> = {
  "wall-time": { title: "Your code took too long", text: "The tests stopped because your code did not finish in time. Most often a `while` loop never ends: check that its condition becomes false. A loop inside a loop over large inputs can also be too slow." },
  "cpu-time": { title: "Your code used too much computing time", text: "Your code kept the processor busy for too long. Look for a loop that never ends, or work repeated many times that could be done once." },
  memory: { title: "Your code used too much memory", text: "Your code kept building something larger and larger, most often a list that grows inside a loop that never stops. Check your loops' conditions and what you append." },
  output: { title: "Your code printed too much", text: "Your code printed more text than allowed, most often a `print` inside a loop that never ends. Remove debugging prints or make sure the loop stops." },
  processes: { title: "Your code started too many processes", text: "Your code started more processes or threads than allowed. Exercises don't need extra processes: remove them." },
  disk: { title: "Your code wrote too much to disk", text: "Your code wrote more data to files than allowed. Check for a loop that keeps writing." },
  "file-size": { title: "Your code wrote a file that is too large", text: "One file your code wrote grew past the allowed size. Check for a loop that keeps writing to it." },
  "open-files": { title: "Your code opened too many files", text: "Your code kept files open. Use `with open(...) as f:` so each file is closed when you are done with it." },
  "boot-time": { title: "The program did not start in time", text: "Your code took too long to start. Look for slow work done at import time (at the top level of the file) and move it into a function." },
  "message-size": { title: "Your result is too large", text: "The value your code returned is too large to send back. Check that you return the result itself, not something that grew without end." },
};
