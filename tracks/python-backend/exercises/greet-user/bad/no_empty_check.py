# Mistake: never checks for an empty name, so it prints "Hello, !" and exits with 0.
import sys

name = sys.stdin.readline().strip()
greeting = sys.argv[1] if len(sys.argv) > 1 else "Hello"
print(f"{greeting}, {name}!")
