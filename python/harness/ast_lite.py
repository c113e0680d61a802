"""The few pieces of the standard `ast` module the harness uses, on top of the C module _ast.

`import ast` costs every grading about 4 ms on the path to the first result (it loads
contextlib, collections and functools); the node classes are the very same (_ast's), only
these helpers are written here: parse, NodeTransformer, copy_location,
fix_missing_locations and get_source_segment, with the standard module's behaviour.
"""
from _ast import *  # noqa: F401,F403  (the node classes, as `ast` exports them)
from _ast import AST, PyCF_ONLY_AST

_POSITIONS = ("lineno", "col_offset", "end_lineno", "end_col_offset")


def parse(source, filename="<unknown>"):
    return compile(source, filename, "exec", PyCF_ONLY_AST)


def copy_location(new_node, old_node):
    """Copies the source position of old_node to new_node (as ast.copy_location)."""
    for name in _POSITIONS:
        if name in old_node._attributes and name in new_node._attributes:
            value = getattr(old_node, name, None)
            # end positions may be None; a start position is copied only when set
            if value is not None or (hasattr(old_node, name) and name.startswith("end_")):
                setattr(new_node, name, value)
    return new_node


def fix_missing_locations(node):
    """Gives every node without a position its parent's (as ast.fix_missing_locations)."""

    def fix(node, lineno, col_offset, end_lineno, end_col_offset):
        if "lineno" in node._attributes:
            if not hasattr(node, "lineno"):
                node.lineno = lineno
            else:
                lineno = node.lineno
        if "end_lineno" in node._attributes:
            if getattr(node, "end_lineno", None) is None:
                node.end_lineno = end_lineno
            else:
                end_lineno = node.end_lineno
        if "col_offset" in node._attributes:
            if not hasattr(node, "col_offset"):
                node.col_offset = col_offset
            else:
                col_offset = node.col_offset
        if "end_col_offset" in node._attributes:
            if getattr(node, "end_col_offset", None) is None:
                node.end_col_offset = end_col_offset
            else:
                end_col_offset = node.end_col_offset
        for child in _children(node):
            fix(child, lineno, col_offset, end_lineno, end_col_offset)

    fix(node, 1, 0, 1, 0)
    return node


def _children(node):
    for name in node._fields:
        value = getattr(node, name, None)
        if isinstance(value, AST):
            yield value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, AST):
                    yield item


def _splitlines_no_ff(source):
    """Lines as the tokenizer counts them: \\r\\n, \\r and \\n end a line, a form feed does not."""
    lines = []
    start = 0
    index = 0
    size = len(source)
    while index < size:
        char = source[index]
        if char == "\r" and index + 1 < size and source[index + 1] == "\n":
            index += 2
            lines.append(source[start:index])
            start = index
            continue
        index += 1
        if char in "\r\n":
            lines.append(source[start:index])
            start = index
    if start < size:
        lines.append(source[start:])
    return lines


def _pad_whitespace(text):
    """Replaces everything but tabs and form feeds with spaces (keeps the column layout)."""
    return "".join(c if c in "\f\t" else " " for c in text)


def get_source_segment(source, node, *, padded=False):
    """The source text of node, or None without positions (as ast.get_source_segment)."""
    try:
        if node.end_lineno is None or node.end_col_offset is None:
            return None
        lineno = node.lineno - 1
        end_lineno = node.end_lineno - 1
        col_offset = node.col_offset
        end_col_offset = node.end_col_offset
    except AttributeError:
        return None
    lines = _splitlines_no_ff(source)
    # Offsets count UTF-8 bytes.
    if end_lineno == lineno:
        return lines[lineno].encode()[col_offset:end_col_offset].decode()
    padding = _pad_whitespace(lines[lineno].encode()[:col_offset].decode()) if padded else ""
    first = padding + lines[lineno].encode()[col_offset:].decode()
    last = lines[end_lineno].encode()[:end_col_offset].decode()
    middle = lines[lineno + 1 : end_lineno]
    return "".join([first, *middle, last])


class NodeVisitor:
    def visit(self, node):
        visitor = getattr(self, "visit_" + node.__class__.__name__, self.generic_visit)
        return visitor(node)

    def generic_visit(self, node):
        for child in _children(node):
            self.visit(child)


class NodeTransformer(NodeVisitor):
    """Replaces each node by what its visit_ method returns: None removes it, a list splices
    it into the parent's list (as ast.NodeTransformer)."""

    def generic_visit(self, node):
        for name in node._fields:
            old = getattr(node, name, None)
            if isinstance(old, list):
                new = []
                for value in old:
                    if isinstance(value, AST):
                        value = self.visit(value)
                        if value is None:
                            continue
                        if not isinstance(value, AST):
                            new.extend(value)
                            continue
                    new.append(value)
                old[:] = new
            elif isinstance(old, AST):
                replacement = self.visit(old)
                if replacement is None:
                    delattr(node, name)
                else:
                    setattr(node, name, replacement)
        return node

