#!/usr/bin/env python3
"""Rewrites the message-id string literals under src/ into the constants build.rs generates.

    python3 tools/msgids.py            # rewrite src/ in place, then run `cargo fmt`
    python3 tools/msgids.py --check    # only list what would change; exit 1 if anything would

Every string literal whose text is exactly a message id of locales/en/*.ftl
("step-restore-title") becomes its constant (msg::STEP_RESTORE_TITLE), and a file that
gains its first `msg::` gets the import (`use crate::msg;`, or in src/main.rs
`use backup_lab::main_msg as msg;`). Literals in attributes (`#[arg(id = "...")]`) and in
match patterns (`"..." =>`) are left alone: they are names compared as strings, not texts.

The run is deterministic and idempotent: a second run changes nothing. At the end it lists
what it cannot convert: literals passed to a text function that are no message id, and ids
built at run time with format!, which need a typed home (a method returning the constants).
The program needs Python 3.8 or later and nothing else; CI never runs it.
"""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
ID_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*=")
LOOKS_LIKE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")
# Calls and fields that take a message id: a literal here that is no id is reported.
TEXT_CALL = re.compile(r"(Text::new\(|\bt\(\s*(lang|\*?self\.lang|view\.lang|l)\s*,\s*|\.t\()\s*$")
FORMAT_ID = re.compile(
    r"(Text::new\(&format!|\bt\([^()]*,\s*&format!|\.t\(&format!|\bhas\([^()]*&format!)"
    r"\(\s*\"([a-z][a-z0-9]*-[^\"]*)\""
)


def message_ids():
    ids = set()
    for path in sorted((ROOT / "locales" / "en").glob("*.ftl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = ID_LINE.match(line)
            if m:
                ids.add(m.group(1))
    return ids


def const_name(message_id):
    return re.sub(r"[-.]", "_", message_id).upper()


def literals(source):
    """(start, end, text) of every plain string literal, skipping comments, chars, raw strings."""
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i)
            if i < 0:
                return
            continue
        if source.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if source.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif source.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
            continue
        if c == "r" and re.match(r"r#*\"", source[i:i + 20]) and not (
            i and (source[i - 1].isalnum() or source[i - 1] == "_")
        ):
            hashes = len(re.match(r"r(#*)\"", source[i:]).group(1))
            close = '"' + "#" * hashes
            end = source.find(close, i + 2 + hashes)
            i = n if end < 0 else end + len(close)
            continue
        if c == "'":
            # A char literal ('a', '\n', '"') or a lifetime ('a).
            m = re.match(r"'(\\.[^']*|[^\\'])'", source[i:])
            i += len(m.group(0)) if m else 1
            continue
        if c == '"':
            j = i + 1
            while j < n and source[j] != '"':
                j += 2 if source[j] == "\\" else 1
            yield i, j + 1, source[i + 1:j]
            i = j + 1
            continue
        i += 1


def in_attribute(source, start):
    line_start = source.rfind("\n", 0, start) + 1
    return source[line_start:start].lstrip().startswith("#[")


def is_pattern(source, start, end):
    """A literal in a match pattern: `"x" =>`, `"x" | "y" =>`, `(true, "x") =>`; not in a
    guard (`if id == "x" =>`)."""
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    rest = source[end:line_end if line_end >= 0 else len(source)]
    between, arrow, _ = rest.partition("=>")
    guard = re.search(r"\bif\b|==|!=", source[line_start:start])
    return bool(arrow) and not guard and "(" not in between and "=" not in between


def convert(path, source, ids):
    out, last, unknown = [], 0, []
    for start, end, text in literals(source):
        line = source.count("\n", 0, start) + 1
        if text in ids and (in_attribute(source, start) or is_pattern(source, start, end)):
            unknown.append(f"{path.relative_to(ROOT)}:{line}: \"{text}\" is a pattern or attribute")
        elif text in ids:
            out.append(source[last:start])
            out.append("msg::" + const_name(text))
            last = end
        elif LOOKS_LIKE_ID.match(text) and TEXT_CALL.search(source[max(0, start - 40):start]):
            unknown.append(f"{path.relative_to(ROOT)}:{line}: \"{text}\" is no message id")
    out.append(source[last:])
    result = "".join(out)
    if result != source:
        result = add_import(path, result)
    return result, unknown


def add_import(path, source):
    main = path == SRC / "main.rs"
    import_line = "use backup_lab::main_msg as msg;" if main else "use crate::msg;"
    if re.search(r"^\s*use .*\bmsg\b.*;$", source, re.M) or not re.search(r"\bmsg::", source):
        return source
    # Used only by the unit tests: imported there, or the build without tests warns.
    tests = re.search(r"^#\[cfg\(test\)\]\nmod tests \{\n(    use super::\*;\n)?", source, re.M)
    if tests and not re.search(r"\bmsg::", source[:tests.start()]):
        return source[:tests.end()] + "    " + import_line + "\n" + source[tests.end():]
    lines = source.split("\n")
    top_uses = [k for k, line in enumerate(lines) if line.startswith("use ")]
    crate = [k for k in top_uses if lines[k].startswith("use backup_lab::" if main else "use crate::")]
    if crate:
        lines.insert(crate[0], import_line)
    elif top_uses:
        k = top_uses[-1]
        while not lines[k].rstrip().endswith(";"):
            k += 1
        lines[k + 1:k + 1] = ["", import_line]
    else:
        k = 0
        while k < len(lines) and (lines[k].startswith("//!") or lines[k].startswith("#![")):
            k += 1
        lines[k:k] = ["", import_line] if k else [import_line, ""]
    return "\n".join(lines)


def main():
    check = "--check" in sys.argv[1:]
    ids = message_ids()
    changed, unknown, runtime = [], [], []
    for path in sorted(SRC.rglob("*.rs")):
        source = path.read_text(encoding="utf-8")
        result, problems = convert(path, source, ids)
        unknown += problems
        for m in FORMAT_ID.finditer(result):
            line = result.count("\n", 0, m.start()) + 1
            runtime.append(f"{path.relative_to(ROOT)}:{line}: \"{m.group(2)}\" is built at run time")
        if result != source:
            changed.append(path)
            if not check:
                path.write_text(result, encoding="utf-8")
    for path in changed:
        print(f"{'would change' if check else 'changed'}: {path.relative_to(ROOT)}")
    if unknown or runtime:
        print("not converted (give these a constant or a typed home by hand):")
        for line in unknown + runtime:
            print("  " + line)
    if changed and not check:
        # The tree is formatted (CI checks it), so this formats only what was rewritten.
        subprocess.run(["cargo", "fmt"], cwd=ROOT, check=True)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
