#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Checks of the module documentation (doc/), with Debian's python3-docutils.

    check_docs.py [--doc=doc/microscope.rst]

* doc/microscope.rst and the section files it includes parse as reStructuredText with no
  warning or error (Sphinx's ``literalinclude`` and ``sourcecode`` are accepted as plain
  directives; everything else is docutils' own: ``math``, ``figure``, ``list-table``, ...), and
  every formula converts to MathML (docutils' LaTeX subset: an unknown or misspelt command is
  an error);
* every figure and included file exists;
* every section file in doc/sections/ is included;
* the documentation cites the papers, never a project-internal specification document;
* with --diagrams: tools/plot/diagrams.py, run into a temporary folder, gives the committed
  doc/figures/diagram-* byte for byte (so the figures cannot drift from their script).

Prints each problem as FILE:LINE: message and exits 1 if there is any.
"""

import argparse
import filecmp
import os
import re
import subprocess
import sys
import tempfile

try:
    import docutils.core
    import docutils.nodes
    import docutils.utils
    from docutils.parsers.rst import Directive, directives
except ImportError:
    print("check_docs.py: error: python3-docutils is not installed (apt-get install "
          "python3-docutils)", file=sys.stderr)
    sys.exit(2)


class LiteralInclude(Directive):
    """Sphinx's literalinclude: checks that the file and the markers exist, shows nothing."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    has_content = False
    option_spec = {"language": directives.unchanged, "start-after": directives.unchanged,
                   "end-before": directives.unchanged, "lines": directives.unchanged,
                   "linenos": directives.flag, "caption": directives.unchanged}

    def run(self):
        source = self.state_machine.input_lines.source(
            self.lineno - self.state_machine.input_offset - 1)
        path = os.path.normpath(os.path.join(os.path.dirname(source), self.arguments[0]))
        if not os.path.exists(path):
            return [self.state.document.reporter.error(
                f"literalinclude: no file {self.arguments[0]}", line=self.lineno)]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for key in ("start-after", "end-before"):
            marker = self.options.get(key)
            if marker and marker not in text:
                return [self.state.document.reporter.error(
                    f"literalinclude: {key} marker {marker!r} not in {self.arguments[0]}",
                    line=self.lineno)]
        return []


class SourceCode(Directive):
    """Sphinx's sourcecode/code-block: a literal block."""

    optional_arguments = 1
    has_content = True
    option_spec = {"linenos": directives.flag, "caption": directives.unchanged}

    def run(self):
        return [docutils.nodes.literal_block("\n".join(self.content), "\n".join(self.content))]


FORBIDDEN = re.compile(r"\bSPEC(\.md)?\b|\bspec(ification)? (file|document)\b|"
                       r"project'?s? technical reference")


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser(prog="check_docs.py", description=__doc__.split("\n")[0])
    ap.add_argument("--doc", default=os.path.join(root, "doc", "microscope.rst"))
    ap.add_argument("--diagrams", action="store_true",
                    help="also redraw the diagrams and compare them with doc/figures")
    args = ap.parse_args(argv)
    doc_dir = os.path.dirname(os.path.abspath(args.doc))
    directives.register_directive("literalinclude", LiteralInclude)
    directives.register_directive("sourcecode", SourceCode)
    directives.register_directive("code-block", SourceCode)

    problems = []

    class Collect:
        def write(self, text):
            for line in text.splitlines():
                if line.strip():
                    problems.append(line)

    with open(args.doc, encoding="utf-8") as f:
        source = f.read()
    # The HTML writer with MathML output: it converts every formula, and reports the LaTeX it
    # cannot read.
    docutils.core.publish_string(
        source, source_path=args.doc, writer_name="html5",
        settings_overrides={"report_level": 2, "halt_level": 5, "warning_stream": Collect(),
                            "input_encoding": "utf-8", "file_insertion_enabled": True,
                            "math_output": "MathML"})

    files = [args.doc]
    included = set()
    for m in re.finditer(r"^\.\. include:: (\S+)", source, re.M):
        included.add(os.path.normpath(os.path.join(doc_dir, m.group(1))))
        files.append(os.path.normpath(os.path.join(doc_dir, m.group(1))))
    sections = os.path.join(doc_dir, "sections")
    for name in sorted(os.listdir(sections)):
        path = os.path.normpath(os.path.join(sections, name))
        if name.endswith(".rst") and path not in included:
            problems.append(f"{path}:1: not included from {args.doc}")
    for path in files:
        if not os.path.exists(path):
            continue  # docutils reported it
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = re.match(r"\s*\.\. (figure|image):: (\S+)", line)
                if m and not os.path.exists(os.path.join(doc_dir, m.group(2))):
                    problems.append(f"{path}:{n}: {m.group(1)} {m.group(2)} does not exist")
                if FORBIDDEN.search(line):
                    problems.append(f"{path}:{n}: cite the papers, not a project document: "
                                    f"{line.strip()}")
    if args.diagrams:
        figures = os.path.join(doc_dir, "figures")
        with tempfile.TemporaryDirectory(prefix="microscope-diagrams-") as tmp:
            run = subprocess.run([sys.executable, os.path.join(root, "tools", "plot", "diagrams.py"),
                                  f"--out={tmp}"], capture_output=True, text=True)
            if run.returncode != 0:
                problems.append(f"tools/plot/diagrams.py failed: {run.stderr.strip()}")
            for name in sorted(os.listdir(tmp)):
                committed = os.path.join(figures, name)
                if not os.path.exists(committed):
                    problems.append(f"{committed}:1: missing (./microscope docs --diagrams)")
                elif not filecmp.cmp(os.path.join(tmp, name), committed, shallow=False):
                    problems.append(f"{committed}:1: differs from what tools/plot/diagrams.py "
                                    f"draws (./microscope docs --diagrams, then commit it)")
    for p in problems:
        print(p)
    if problems:
        print(f"check_docs.py: {len(problems)} problem(s) in the documentation", file=sys.stderr)
        return 1
    print(f"check_docs.py: {len(files)} files parse with no warning, their formulas convert; "
          "figures and includes exist")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
