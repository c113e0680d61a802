import csv
import sys

# Read the order with csv.reader(sys.stdin), check the header and every line,
# add up each product, then print the lines and the TOTAL.

for row in csv.reader(sys.stdin):
    print(row)
