"""Every command and every option of the CLI is documented."""
from __future__ import annotations

import typer.main

from diplograph.cli import app

ROOT_DOCS = "docs/commands"


def _walk(cmd, path: tuple[str, ...] = ()):
    # typer may vendor its own click, so duck-type rather than isinstance(click.Group)
    if hasattr(cmd, "commands"):
        for name, sub in cmd.commands.items():
            yield from _walk(sub, path + (name,))
    else:
        yield path, cmd


def test_every_command_and_option_is_documented(repo_root):
    group = typer.main.get_command(app)
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    missing = []
    commands = list(_walk(group))
    assert commands, "the CLI has no commands"
    for path, cmd in commands:
        doc = repo_root / ROOT_DOCS / f"{path[0]}.md"
        if not doc.is_file():
            missing.append(f"{' '.join(path)}: no {doc.relative_to(repo_root)}")
            continue
        text = doc.read_text(encoding="utf-8")
        if len(path) > 1 and path[-1] not in text:
            missing.append(f"{' '.join(path)}: subcommand not named in {doc.name}")
        for param in cmd.params:
            if type(param).__name__ not in ("Option", "TyperOption"):
                continue
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help" and opt not in text:
                    missing.append(f"{' '.join(path)}: option {opt} not in {doc.name}")
        if f"diplograph {path[0]}" not in readme:
            missing.append(f"{path[0]}: not mentioned in README.md")
    assert not missing, "undocumented:\n" + "\n".join(sorted(set(missing)))
