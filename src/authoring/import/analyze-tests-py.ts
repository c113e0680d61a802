/**
 * The Python side of the Exercism importer: reads a test file with Python's own ast module
 * (run as /usr/bin/python3 -I on the educator's trusted checkout; nothing is executed, only
 * parsed) and returns the test file with its import of the exercise module pointed at
 * `solution`, the task markers, and the reasons the tests need compatible mode.
 * Kept as a string so that it ships inside the compiled CLI.
 */
export const ANALYZE_TESTS_PY = String.raw`import ast, json, re, sys

SINGLETONS = (None, True, False, Ellipsis)
MUTABLE_BUILDERS = {"list", "dict", "set", "bytearray", "copy", "deepcopy", "defaultdict", "OrderedDict", "Counter", "deque"}
TRIVIAL_CALLS = {"NotImplementedError"}


def main():
    request = json.load(sys.stdin)
    out = analyze(request["tests"], request["module"], set(request.get("local_modules", [])), request.get("stub", ""))
    out["stub_trivial"] = is_trivial_stub(request.get("stub", ""))
    out["support"] = {name: rewrite_support(text, request["module"]) if name.endswith(".py") else text for name, text in request.get("support", {}).items()}
    json.dump(out, sys.stdout)


def analyze(source, module, local_modules, stub=""):
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return {"ok": False, "error": "the test file is not valid Python (line %s: %s)" % (error.lineno, error.msg)}
    names, aliases, replacements, local_imports, found = set(), set(), [], set(), False
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module is not None:
            top = node.module.split(".")[0]
            if node.module == module:
                found = True
                for alias in node.names:
                    names.add(alias.asname or alias.name)
                if node.names[0].name == "*":
                    # A star import gives the harness no names to ask the solution for:
                    # import what the stub defines, by name.
                    public = [name for name in top_level_names(stub, ordered=True) if not name.startswith("_")]
                    replacements.append((node, "from solution import " + ", ".join(public)))
                else:
                    replacements.append((node, rewrite_from(segment(source, node), module)))
            elif top in local_modules:
                local_imports.add(top)
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            local_imports.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            if any(alias.name == module for alias in node.names):
                found = True
                for alias in node.names:
                    if alias.name == module:
                        aliases.add(alias.asname or module)
                replacements.append((node, rewrite_import(node, module)))
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top != module and top in local_modules:
                    local_imports.add(top)
    if not found:
        return {"ok": False, "error": "the tests never import the solution module %r" % module}
    if "*" in names:
        names.discard("*")
        names.update(top_level_names(stub))
    analysis = Analysis(names, aliases, module)
    analysis.visit(tree)
    replacements.extend(analysis.replacements)
    return {
        "ok": True,
        "rewritten": splice(source, replacements),
        "imported_names": sorted(names | aliases),
        "local_imports": sorted(local_imports),
        "tasks": analysis.tasks,
        "tests": analysis.tests,
        "compat_reasons": analysis.reasons,
    }


def rewrite_support(source, module):
    """A helper module beside the tests names the exercise's module, which is solution in
    roadwork: its imports of it, and strings that are the name or a dotted path under it
    (mock.patch targets, a check that a frame's file is the exercise's)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    replacements = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == module:
            replacements.append((node, rewrite_from(segment(source, node), module)))
        elif isinstance(node, ast.Import) and any(alias.name == module for alias in node.names):
            replacements.append((node, rewrite_import(node, module)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and (node.value == module or node.value.startswith(module + ".")):
            replacements.append((node, repr("solution" + node.value[len(module):])))
    return splice(source, replacements) if replacements else source


def top_level_names(stub, ordered=False):
    try:
        tree = ast.parse(stub)
    except SyntaxError:
        return [] if ordered else set()
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names.extend(t.id for t in node.targets if isinstance(t, ast.Name))
    return list(dict.fromkeys(names)) if ordered else set(names)


def segment(source, node):
    return ast.get_source_segment(source, node)


def rewrite_from(text, module):
    new = re.sub(r"^from\s+" + re.escape(module) + r"(?=\s)", "from solution", text, count=1)
    # Continuation lines aligned under the opening parenthesis stay aligned under it.
    old_lines, new_lines = text.split("\n"), new.split("\n")
    old_paren, new_paren = old_lines[0].find("("), new_lines[0].find("(")
    if len(new_lines) == 1 or old_paren < 0 or old_paren == new_paren:
        return new
    for i in range(1, len(new_lines)):
        line = new_lines[i]
        if len(line) - len(line.lstrip(" ")) == old_paren + 1:
            new_lines[i] = " " * (new_paren + 1) + line.lstrip(" ")
    return "\n".join(new_lines)


def rewrite_import(node, module):
    parts = []
    for alias in node.names:
        if alias.name == module:
            parts.append("solution as " + (alias.asname or module))
        else:
            parts.append(alias.name + (" as " + alias.asname if alias.asname else ""))
    return "import " + ", ".join(parts)


def splice(source, replacements):
    # ast columns are UTF-8 byte offsets: splice bytes, from the end so offsets stay valid.
    lines = source.encode("utf-8").splitlines(keepends=True)
    starts, total = [], 0
    for line in lines:
        starts.append(total)
        total += len(line)
    data = source.encode("utf-8")
    for node, text in sorted(replacements, key=lambda r: (r[0].lineno, r[0].col_offset), reverse=True):
        begin = starts[node.lineno - 1] + node.col_offset
        end = starts[node.end_lineno - 1] + node.end_col_offset
        data = data[:begin] + text.encode("utf-8") + data[end:]
    return data.decode("utf-8")


def is_singleton(node):
    return isinstance(node, ast.Constant) and any(node.value is s for s in SINGLETONS)


def is_identity_safe(node):
    """Constants that stay the same object after a trip through the pipe: None, booleans,
    and the small integers CPython caches (-5..256)."""
    if is_singleton(node):
        return True
    value = node.value if isinstance(node, ast.Constant) else None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        value = node.operand.value
        value = -value if type(value) is int else None
    return type(value) is int and -5 <= value <= 256


def call_name(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


class Analysis(ast.NodeVisitor):
    """Finds what a proxy that carries plain values cannot serve, and the task markers."""

    def __init__(self, names, aliases, module=None):
        self.names, self.aliases, self.module = names, aliases, module
        self.replacements = []
        self.tasks, self.tests, self.reasons = {}, [], []
        self.test_name = None
        self.class_name = None
        self.local_functions = set()

    def reason(self, node, text):
        where = " in %s" % self.test_name if self.test_name else ""
        self.reasons.append("line %d%s: %s" % (node.lineno, where, text))

    def is_solution_call(self, node):
        if not isinstance(node, ast.Call):
            return False
        func = node.func
        if isinstance(func, ast.Name):
            return func.id in self.names
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            return func.value.id in self.aliases
        return False

    def visit_ClassDef(self, node):
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id in self.names:
                self.reason(node, "class %s inherits from the solution's %s" % (node.name, base.id))
        outer, self.class_name = self.class_name, node.name
        self.generic_visit(node)
        self.class_name = outer

    def visit_FunctionDef(self, node):
        if not node.name.startswith("test"):
            self.local_functions.add(node.name)
            self.generic_visit(node)
            return
        # Named as the grader reports it: "LeapTest.test_century" for a method, else the function.
        name = "%s.%s" % (self.class_name, node.name) if self.class_name else node.name
        self.tests.append(name)
        for decorator in node.decorator_list:
            task = task_number(decorator)
            if task is not None:
                self.tasks[name] = task
        outer, self.test_name = self.test_name, name
        self.check_test(node)
        self.generic_visit(node)
        self.test_name = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Assign(self, node):
        for target in node.targets:
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id in self.names:
                self.reason(node, "sets %s.%s on the solution's own class or module" % (target.value.id, target.attr))
        self.generic_visit(node)

    def visit_Compare(self, node):
        operands = [node.left] + list(node.comparators)
        for i, op in enumerate(node.ops):
            if isinstance(op, (ast.Is, ast.IsNot)) and not (is_identity_safe(operands[i]) or is_identity_safe(operands[i + 1])):
                self.reason(node, 'compares objects by identity ("is")')
        self.generic_visit(node)

    def visit_Call(self, node):
        name = call_name(node.func)
        # mock.patch("leap.open", ...): the target names the exercise's module, which is
        # solution here; and patching it reaches into the solution's own namespace.
        if name == "patch" and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str) and self.module and node.args[0].value.startswith(self.module + "."):
            target = node.args[0]
            self.replacements.append((target, repr("solution" + target.value[len(self.module):])))
            self.reason(node, "patches %s in the solution's module (mock.patch)" % target.value[len(self.module) + 1:])
        if name in ("assertIs", "assertIsNot") and len(node.args) >= 2 and not (is_identity_safe(node.args[0]) or is_identity_safe(node.args[1])):
            self.reason(node, "compares objects by identity (%s)" % name)
        if self.is_solution_call(node):
            for arg in list(node.args) + [k.value for k in node.keywords]:
                if isinstance(arg, ast.Lambda) or (isinstance(arg, ast.Name) and arg.id in self.local_functions):
                    self.reason(node, "passes a function to the solution")
        if name in ("isinstance", "issubclass", "assertIsInstance", "assertNotIsInstance") and len(node.args) >= 2 and any(
            isinstance(n, ast.Name) and n.id in self.names for n in ast.walk(node.args[1])
        ):
            self.reason(node, "checks the class of an object against the solution's class")
        self.generic_visit(node)

    def check_introspection(self, func):
        """A test that handles the solution's functions as values and reads their __doc__ or
        __name__ looks at the functions themselves, which only the solution's process has."""
        called = {id(node.func) for node in ast.walk(func) if isinstance(node, ast.Call)}
        as_values = any(isinstance(n, ast.Name) and n.id in self.names and id(n) not in called for n in ast.walk(func))
        if not as_values:
            return
        loop_names = {n.id for loop in ast.walk(func) if isinstance(loop, ast.For) for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
        for node in ast.walk(func):
            if isinstance(node, ast.Attribute) and node.attr in INTROSPECTED and isinstance(node.value, ast.Name) and (node.value.id in self.names or node.value.id in loop_names):
                self.reason(node, "reads %s of the solution's functions" % node.attr)
                return

    def check_test(self, func):
        """Argument mutation and class checks on objects the solution made, inside one test."""
        self.check_introspection(func)
        mutable, from_solution, passed = set(), set(), {}
        statements = [s for s in ast.walk(func) if isinstance(s, ast.stmt) and s is not func]
        statements.sort(key=lambda s: (s.lineno, s.col_offset))
        for stmt in statements:
            if isinstance(stmt, ast.Assign):
                targets = [t.id for t in stmt.targets if isinstance(t, ast.Name)]
                for target in targets:
                    mutable.discard(target)
                    from_solution.discard(target)
                    passed.pop(target, None)
                    if is_mutable_value(stmt.value):
                        mutable.add(target)
                    if self.is_solution_call(stmt.value):
                        from_solution.add(target)
            for call in direct_calls(stmt):
                if self.is_solution_call(call):
                    for arg in list(call.args) + [k.value for k in call.keywords]:
                        if isinstance(arg, ast.Name) and arg.id in mutable:
                            passed.setdefault(arg.id, stmt)
            for name in asserted_names(stmt):
                first = passed.get(name)
                if first is not None and first is not stmt:
                    self.reason(stmt, "checks that the argument %r was changed in place" % name)
                    passed.pop(name)
            for node in ast.walk(stmt):
                if isinstance(node, ast.Attribute) and node.attr == "__class__" and isinstance(node.value, ast.Name) and node.value.id in from_solution:
                    self.reason(node, "reads __class__ of an object the solution made")
                if isinstance(node, ast.Call) and call_name(node.func) == "type" and len(node.args) == 1 and isinstance(node.args[0], ast.Name) and node.args[0].id in from_solution:
                    self.reason(node, "checks type() of an object the solution made")


INTROSPECTED = {"__doc__", "__name__", "__qualname__", "__module__", "__dict__", "__annotations__", "__defaults__", "__code__", "__wrapped__"}


def direct_calls(stmt):
    # Calls of this statement, not of statements nested inside it (those come on their own).
    stack = [child for child in ast.iter_child_nodes(stmt) if not isinstance(child, ast.stmt)]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Call):
            yield node
        stack.extend(child for child in ast.iter_child_nodes(node) if not isinstance(child, ast.stmt))


ASSERT_METHODS = re.compile(r"^assert[A-Z]\w*$")


def asserted_names(stmt):
    """Variables an assertion in this statement looks at (not its msg=)."""
    roots = []
    if isinstance(stmt, ast.Assert):
        roots.append(stmt.test)
    for call in direct_calls(stmt):
        if ASSERT_METHODS.match(call_name(call.func) or ""):
            roots.extend(call.args[:2])
    names = set()
    for root in roots:
        if isinstance(root, ast.Name):
            names.add(root.id)
        elif isinstance(root, ast.Compare):
            names.update(n.id for n in [root.left] + list(root.comparators) if isinstance(n, ast.Name))
    return names


def is_mutable_value(node):
    if isinstance(node, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    return isinstance(node, ast.Call) and call_name(node.func) in MUTABLE_BUILDERS


def task_number(decorator):
    # @pytest.mark.task(taskno=N)
    if isinstance(decorator, ast.Call) and call_name(decorator.func) == "task":
        for keyword in decorator.keywords:
            if keyword.arg == "taskno" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, int):
                return keyword.value.value
    return None


def is_trivial_stub(source):
    """True when every function only passes, returns nothing or raises NotImplementedError."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not functions:
        return False
    return all(trivial_body(f.body) for f in functions)


def trivial_body(body):
    for stmt in body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue  # docstring or ...
        if isinstance(stmt, ast.Return) and (stmt.value is None or is_singleton(stmt.value)):
            continue
        if isinstance(stmt, ast.Raise) and stmt.exc is not None and call_name(stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc) in TRIVIAL_CALLS:
            continue
        return False
    return True


main()
`;
