// Pull: every target-group size row (a SIZED_IN relationship) with its properties.
MATCH (t:TargetGroup {dataset: $dataset})-[r:SIZED_IN]->(m:Municipality)
RETURN t.id AS source, m.id AS target, properties(r) AS properties
