import sys

passed = 0
for line in sys.stdin:
    if line.startswith("PASS"):
        passed += 1
print(f"passed={passed}")
