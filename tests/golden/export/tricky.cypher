// convgraph export: run with cypher-shell -f FILE (Neo4j 4.4+; no APOC needed).
CREATE CONSTRAINT convgraph_concept_id IF NOT EXISTS FOR (n:Concept) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT convgraph_document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;

UNWIND [
  {id: 'x "&" y', label: 'x "&" y', kind: 'concept', roles: ['concept'], description: '', provenance: '09.9.9-tricky.md:25:11'}
] AS row
MERGE (n:Concept {id: row.id})
SET n.label = row.label, n.kind = row.kind, n.roles = row.roles, n.description = row.description, n.provenance = row.provenance;

UNWIND [
  {id: 'at&t a < b > c "q" \'single\'', label: 'AT&T a < b > c "q" \'single\'', kind: 'driver', roles: ['driver'], description: '', provenance: '09.9.9-tricky.md:13:2'},
  {id: 'tricky convergence', label: 'Tricky Convergence', kind: 'driver', roles: ['driver'], description: '', provenance: '09.9.9-tricky.md:1:1'},
  {id: '数据规模', label: '数据规模', kind: 'driver', roles: ['driver'], description: '', provenance: '09.9.9-tricky.md:14:2'}
] AS row
MERGE (n:Concept {id: row.id})
SET n.label = row.label, n.kind = row.kind, n.roles = row.roles, n.description = row.description, n.provenance = row.provenance
SET n:Driver;

UNWIND [
  {id: 'bell effect', label: 'Bell effect', kind: 'effect', roles: ['effect'], description: 'rings twice', provenance: '09.9.9-tricky.md:13:53'},
  {id: '收敛加速 🎯', label: '收敛加速 🎯', kind: 'effect', roles: ['effect'], description: '', provenance: '09.9.9-tricky.md:14:20'}
] AS row
MERGE (n:Concept {id: row.id})
SET n.label = row.label, n.kind = row.kind, n.roles = row.roles, n.description = row.description, n.provenance = row.provenance
SET n:Effect;

UNWIND [
  {id: '规模效应', label: '规模效应', kind: 'mechanism', roles: ['mechanism'], description: '', provenance: '09.9.9-tricky.md:13:36'},
  {id: '🚀 launch', label: '🚀 launch', kind: 'mechanism', roles: ['mechanism'], description: '', provenance: '09.9.9-tricky.md:13:36'}
] AS row
MERGE (n:Concept {id: row.id})
SET n.label = row.label, n.kind = row.kind, n.roles = row.roles, n.description = row.description, n.provenance = row.provenance
SET n:Mechanism;

UNWIND [
  {s: 'at&t a < b > c "q" \'single\'', t: '规模效应', label: 'acts_through', description: '', provenance: '09.9.9-tricky.md:13:36', weight: 1.0},
  {s: 'at&t a < b > c "q" \'single\'', t: '🚀 launch', label: 'acts_through', description: '', provenance: '09.9.9-tricky.md:13:36', weight: 1.0},
  {s: '数据规模', t: '规模效应', label: 'acts_through', description: '', provenance: '09.9.9-tricky.md:14:13', weight: 1.0}
] AS row
MATCH (a:Concept {id: row.s})
MATCH (b:Concept {id: row.t})
MERGE (a)-[r:ACTS_THROUGH]->(b)
SET r.label = row.label, r.description = row.description, r.provenance = row.provenance, r.weight = row.weight;

UNWIND [
  {s: 'tricky convergence', t: 'at&t a < b > c "q" \'single\'', label: 'has_factor', description: '', provenance: '09.9.9-tricky.md:13:2', weight: 1.0},
  {s: 'tricky convergence', t: '数据规模', label: 'has_factor', description: '', provenance: '09.9.9-tricky.md:14:2', weight: 1.0}
] AS row
MATCH (a:Concept {id: row.s})
MATCH (b:Concept {id: row.t})
MERGE (a)-[r:HAS_FACTOR]->(b)
SET r.label = row.label, r.description = row.description, r.provenance = row.provenance, r.weight = row.weight;

UNWIND [
  {s: '数据规模', t: '规模效应', label: 'leads_to', description: '', provenance: '09.9.9-tricky.md:24:13', weight: 1.0},
  {s: '规模效应', t: 'x "&" y', label: 'leads_to', description: '', provenance: '09.9.9-tricky.md:25:7', weight: 1.0}
] AS row
MATCH (a:Concept {id: row.s})
MATCH (b:Concept {id: row.t})
MERGE (a)-[r:LEADS_TO]->(b)
SET r.label = row.label, r.description = row.description, r.provenance = row.provenance, r.weight = row.weight;

UNWIND [
  {s: '规模效应', t: 'bell effect', label: 'produces', description: '', provenance: '09.9.9-tricky.md:13:53', weight: 1.0},
  {s: '规模效应', t: '收敛加速 🎯', label: 'produces', description: '', provenance: '09.9.9-tricky.md:14:20', weight: 1.0},
  {s: '🚀 launch', t: 'bell effect', label: 'produces', description: '', provenance: '09.9.9-tricky.md:13:53', weight: 1.0}
] AS row
MATCH (a:Concept {id: row.s})
MATCH (b:Concept {id: row.t})
MERGE (a)-[r:PRODUCES]->(b)
SET r.label = row.label, r.description = row.description, r.provenance = row.provenance, r.weight = row.weight;
