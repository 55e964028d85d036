// Pull: every municipality of the dataset with its stored properties (Python orders them by seq).
MATCH (n:Municipality {dataset: $dataset})
RETURN properties(n) AS properties
