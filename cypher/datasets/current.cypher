// Under which key the dataset's current version is stored (stakeholders.backends.neo4j_versions): the key its
// StakeholdersDataset node names, else the name itself when nodes carry it (a dataset pushed in one transaction).
OPTIONAL MATCH (v:StakeholdersDataset {name: $dataset})
RETURN v.key AS key, EXISTS { MATCH (n:Actor|Project|Municipality|TargetGroup {dataset: $dataset}) } AS plain
