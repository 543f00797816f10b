"""How the documents write numbers: decimal comma in Dutch, no negative zero, whole counts."""

from __future__ import annotations

from charts.partner_network import format_change, format_value
from reports.wording import amount, number


def test_a_change_that_rounds_to_zero_has_no_sign():
    """-0.4 percentage point printed as "-0 %-punt": a negative zero."""
    assert format_change("reciprocity", -0.004, "nl") == "0 %-punt"
    assert format_change("reciprocity", 0.004, "nl") == "0 %-punt"
    assert format_change("trust", -0.001, "en") == "0.00"
    assert format_change("ties", -0.2, "en") == "0"
    assert format_change("density", -0.06, "nl") == "-6 %-punt"
    assert number(-0.04, 1, "nl", sign=True) == "0,0"
    assert number(-0.04, 1, "nl") == "0,0"
    assert number(-0.06, 1, "nl", sign=True) == "-0,1"


def test_partner_network_figures_take_the_decimal_comma_in_dutch():
    assert format_value("trust", 3.284, decimal_comma=True) == "3,28"
    assert format_change("trust", 0.17, "nl", decimal_comma=True) == "+0,17"
    assert format_value("trust", 3.284) == "3.28"  # the dashboard's own style


def test_amounts_print_as_many_decimals_as_they_have():
    assert amount(10.0, "nl") == "10"
    assert amount(17.5, "nl") == "17,5"
    assert amount(17.26, "en") == "17.3"
    assert amount(None, "nl") == "-"
