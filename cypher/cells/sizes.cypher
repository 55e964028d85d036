// The known size of each (target group, municipality) cell: the latest year's, where several years are
// given (a row without a year counts as older than any year; the largest size of one year).
MATCH (t:TargetGroup {dataset: $dataset})-[s:SIZED_IN]->(m:Municipality)
WITH t.id AS target_group, m.id AS municipality, s
ORDER BY coalesce(s.year, -1) DESC, s.size DESC
RETURN target_group, municipality, collect(s.size)[0] AS size
