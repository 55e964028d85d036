// push --replace, before writing the cooperations: a row keeps its number (seq), so a row whose number is reused by
// the new data for other ends is deleted first ($rows as for push/cooperations).
UNWIND $rows AS row
MATCH (a:Actor)-[old:COOPERATES_WITH {dataset: $dataset, seq: row.seq}]->(b:Actor)
USING INDEX old:COOPERATES_WITH(dataset, seq)
WHERE a.id <> row.source OR b.id <> row.target
DELETE old
RETURN count(old) AS deleted
