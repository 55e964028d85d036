// Pull: every actor with its stored properties and its lists as [position, id] pairs
// (Python orders them by position, then id: a relationship added by hand has no position).
MATCH (n:Actor {dataset: $dataset})
RETURN properties(n) AS properties,
       [(n)-[r:ACTIVE_IN]->(m:Municipality) | [r.position, m.id]] AS municipalities,
       [(n)-[r:TARGETS]->(t:TargetGroup) | [r.position, t.id]] AS target_groups
