"""Every rule in archive/names/rules.py does what its example says."""
from __future__ import annotations

import pytest

from archive.names import find_names
from archive.names.rules import RULES


@pytest.mark.parametrize("rule", RULES, ids=[f"{rule.stage}: {rule.rule}" for rule in RULES])
def test_each_rule_does_what_its_example_shows(rule):
    names = find_names(rule.example)
    for person in rule.people:
        assert person in names.people, (person, names)
    for organisation in rule.organisations:
        assert organisation in names.organisations, (organisation, names)
    for not_a_name in rule.not_names:
        assert not_a_name not in names.people + names.organisations, (not_a_name, names)


def test_every_rule_checks_something():
    assert all(rule.people or rule.organisations or rule.not_names for rule in RULES)
