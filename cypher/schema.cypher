// Constraints and indexes, created before every push (IF NOT EXISTS: running it again changes nothing).
// Neo4j Community has uniqueness constraints only (key and existence constraints are Enterprise).
// Every node and relationship carries the `dataset` property, so several datasets live side by side:
// a record's id is unique within its dataset and kind.
CREATE CONSTRAINT stakeholders_actor_id IF NOT EXISTS
FOR (n:Actor) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT stakeholders_project_id IF NOT EXISTS
FOR (n:Project) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT stakeholders_municipality_id IF NOT EXISTS
FOR (n:Municipality) REQUIRE (n.dataset, n.id) IS UNIQUE;
CREATE CONSTRAINT stakeholders_target_group_id IF NOT EXISTS
FOR (n:TargetGroup) REQUIRE (n.dataset, n.id) IS UNIQUE;
// Rows of the cooperation, target-group-size and funding files are relationships, numbered by `seq`
// (their row order): one relationship per row, even when two rows link the same two nodes.
CREATE CONSTRAINT stakeholders_cooperation_row IF NOT EXISTS
FOR ()-[r:COOPERATES_WITH]-() REQUIRE (r.dataset, r.seq) IS UNIQUE;
CREATE CONSTRAINT stakeholders_size_row IF NOT EXISTS
FOR ()-[r:SIZED_IN]-() REQUIRE (r.dataset, r.seq) IS UNIQUE;
CREATE CONSTRAINT stakeholders_funding_row IF NOT EXISTS
FOR ()-[r:FUNDS]-() REQUIRE (r.dataset, r.seq) IS UNIQUE;
// Every query starts from one dataset's nodes of one kind.
CREATE INDEX stakeholders_actor_dataset IF NOT EXISTS FOR (n:Actor) ON (n.dataset);
CREATE INDEX stakeholders_project_dataset IF NOT EXISTS FOR (n:Project) ON (n.dataset);
CREATE INDEX stakeholders_municipality_dataset IF NOT EXISTS FOR (n:Municipality) ON (n.dataset);
CREATE INDEX stakeholders_target_group_dataset IF NOT EXISTS FOR (n:TargetGroup) ON (n.dataset);
// One node per dataset names the key of its current version (stakeholders.backends.neo4j_versions).
CREATE CONSTRAINT stakeholders_dataset_name IF NOT EXISTS
FOR (v:StakeholdersDataset) REQUIRE v.name IS UNIQUE;
