"""Everything beyond field validation: findings, reports, the rule registry and the rules."""

from .findings import Finding, Report, Severity, SourceLocation
from .registry import RULES, Context, Rule, rule, run_rules

__all__ = ["RULES", "Context", "Finding", "Report", "Rule", "Severity", "SourceLocation", "rule", "run_rules"]
