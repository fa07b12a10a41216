"""Everything beyond field validation: findings, reports, the rule registry and the rules."""

from .findings import Finding, Report, Severity, SourceLocation
from .registry import RULES, Context, Rule, get_rule, iter_rules, register, rule, run_rules, unregister

__all__ = [
    "RULES",
    "Context",
    "Finding",
    "Report",
    "Rule",
    "Severity",
    "SourceLocation",
    "get_rule",
    "iter_rules",
    "register",
    "rule",
    "run_rules",
    "unregister",
]
