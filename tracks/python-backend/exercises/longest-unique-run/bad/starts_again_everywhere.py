# Mistake (too slow): starts again from every position and looks ahead until a repeat.
# Right answers, but on a text of 200,000 different characters that is 20 billion steps,
# and the CPU-time limit runs out.
def longest_unique_run(text):
    best = ""
    for start in range(len(text)):
        seen = set()
        end = start
        while end < len(text) and text[end] not in seen:
            seen.add(text[end])
            end += 1
        if end - start > len(best):
            best = text[start:end]
    return best
