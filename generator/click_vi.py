"""Click's own words (usage line, headings, error messages) in Vietnamese.

Clerks read the command line, so its help must be Vietnamese like its output. Click writes
its own words through gettext, bound in each of its modules as `_` and `ngettext` when
click is imported, and ships no Vietnamese catalogue; gettext would need a compiled
catalogue on disk and a Vietnamese locale on the clerk's machine. Rebinding those two names
to this table reaches every message with neither. A message missing from the table stays as
click writes it, so a click upgrade can leave a new message in English but never breaks one
(tests/test_cli.py reads every command's help for English).
"""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types
import click.utils

OPTIONS_METAVAR = "[TÙY CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH [THAM SỐ]..."

WORDS: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tùy lúc chạy)",
    "deprecated": "không dùng nữa",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ '{command} {option}' để xem hướng dẫn.",
    "Aborted!": "Đã dừng.",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} nhận {nargs} giá trị.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là một số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "{name} {filename!r} does not exist.": "{filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{filename!r} là một tệp, không phải thư mục.",
    "{name} {filename!r} is a directory.": "{filename!r} là một thư mục, không phải tệp.",
    "{name} {filename!r} is not readable.": "Không đọc được {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được vào {filename!r}.",
    "{name} {filename!r} is not executable.": "Không chạy được {filename!r}.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "unknown error": "lỗi không rõ",
    # Plurals: Vietnamese has one form; the key is click's singular.
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "{value!r} is not {choice}.": "{value!r} không phải là {choice}.",
}

# Click's plural forms, mapped to their singular's entry above.
PLURALS: dict[str, str] = {
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Got unexpected extra arguments ({args})": "Thừa tham số ({args})",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc: {choices}.",
}

_MODULES = (click.core, click.decorators, click.exceptions, click.formatting, click.parser,
            click.termui, click.types, click.utils)


def word(message: str) -> str:
    """Click's message in Vietnamese, or as it is when the table does not have it."""
    return WORDS.get(message, message)


def plural(singular: str, plural_form: str, n: int) -> str:
    """Click's ngettext: one Vietnamese form whatever n is."""
    if n == 1 or plural_form not in PLURALS:
        return WORDS.get(singular, singular if n == 1 else plural_form)
    return PLURALS[plural_form]


def install() -> None:
    """Make click speak Vietnamese in this process (idempotent)."""
    for module in _MODULES:
        if hasattr(module, "_"):
            module._ = word
        if hasattr(module, "ngettext"):
            module.ngettext = plural


class Command(click.Command):
    """A command whose usage line names its options in Vietnamese."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class Group(click.Group):
    """A group whose usage line and subcommands speak Vietnamese."""

    command_class = Command
    group_class = type  # subgroups are Groups too

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)
