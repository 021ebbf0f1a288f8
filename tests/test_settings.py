from __future__ import annotations

import pytest

from diplograph.errors import ConfigError
from diplograph.settings import load_settings


def test_precedence(tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text('db = "file.db"\nmax_bytes = 10\nbatch_size = 7\n')
    monkeypatch.setenv("DIPLOGRAPH_CONFIG", str(cfg))
    monkeypatch.setenv("DIPLOGRAPH_MAX_BYTES", "20")
    s = load_settings(batch_size=None, fast_path=False)
    assert s.db == "file.db"          # config file over default
    assert s.max_bytes == 20          # environment over file
    assert s.batch_size == 7          # None arguments do not override
    assert s.fast_path is False       # arguments over everything


def test_bad_values_are_config_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("DIPLOGRAPH_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("DIPLOGRAPH_MAX_BYTES", "lots")
    with pytest.raises(ConfigError):
        load_settings()
    bad = tmp_path / "bad.toml"
    bad.write_text("colour = 'blue'\n")
    monkeypatch.setenv("DIPLOGRAPH_CONFIG", str(bad))
    monkeypatch.delenv("DIPLOGRAPH_MAX_BYTES")
    with pytest.raises(ConfigError, match="colour"):
        load_settings()
