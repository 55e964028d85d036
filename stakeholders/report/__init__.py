"""The coordinator's report: findings, sections, maps and catalogue in one offline folder (docs/report.md)."""
