// push --replace, before writing the sizes: a row keeps its number (seq), so a row whose number is reused by
// the new data for other ends is deleted first ($rows as for push/sizes).
UNWIND $rows AS row
MATCH (a:TargetGroup)-[old:SIZED_IN {dataset: $dataset, seq: row.seq}]->(b:Municipality)
USING INDEX old:SIZED_IN(dataset, seq)
WHERE a.id <> row.source OR b.id <> row.target
DELETE old
RETURN count(old) AS deleted
