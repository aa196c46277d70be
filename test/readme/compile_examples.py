#!/usr/bin/env python3
"""The README's C++ examples compile, each as its own translation unit, with
-Wall -Wextra and no warning, with every compiler given: what the README
teaches must not warn in a user's build, from our headers or from the pattern.

    compile_examples.py README INCLUDE_DIR COMPILER [COMPILER...]
"""
import os
import re
import subprocess
import sys
import tempfile


def examples(readme):
    text = open(readme, encoding="utf-8").read()
    for match in re.finditer(r"^```cpp\n(.*?)^```", text, re.S | re.M):
        line = text.count("\n", 0, match.start()) + 1
        yield line, match.group(1)


def main():
    readme, include_dir, compilers = sys.argv[1], sys.argv[2], sys.argv[3:]
    found = list(examples(readme))
    if not found:
        print(f"no ```cpp example in {readme}")
        return 1
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for line, code in found:
            source = os.path.join(tmp, f"readme_line_{line}.cpp")
            with open(source, "w", encoding="utf-8") as f:
                f.write(code)
            for compiler in compilers:
                cmd = [compiler, "-std=c++20", "-fsyntax-only", "-Wall", "-Wextra", "-Werror",
                       "-I", include_dir, source]
                run = subprocess.run(cmd, capture_output=True, text=True)
                verdict = "ok" if run.returncode == 0 else "FAILED"
                print(f"README line {line}, {os.path.basename(compiler)}: {verdict}")
                if run.returncode != 0:
                    failed += 1
                    print(run.stdout + run.stderr)
    print(f"{len(found)} examples, {len(compilers)} compilers, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
