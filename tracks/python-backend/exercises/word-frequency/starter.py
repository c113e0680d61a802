import sys

# 1. Work out how many words to show (sys.argv[1], default 3); exit with code 2 if invalid.
# 2. Read all of standard input, find the words, count them.
# 3. Print "word count" lines, most frequent first, ties alphabetically.

text = sys.stdin.read()
print(text)
