// Opens an export in its JavaScript consumer and prints what it read, as JSON (tests/test_export_consumers.py).
// Usage: node read.js FORMAT FILE NODE_KEY EDGE_ID   (FORMAT: gexf, graphml or cytoscape)
'use strict';
const fs = require('fs');

const [format, file, nodeKey, edgeId] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');

function readGraphology() {
  const {MultiDirectedGraph} = require('graphology');
  const parser = format === 'gexf' ? require('graphology-gexf') : require('graphology-graphml');
  const graph = parser.parse(MultiDirectedGraph, text);
  return {
    nodes: graph.order,
    edges: graph.size,
    type: graph.type,
    multi: graph.multi,
    node: graph.getNodeAttributes(nodeKey),
    edge: graph.getEdgeAttributes(edgeId),
    edgeEnds: [graph.source(edgeId), graph.target(edgeId)],
  };
}

function readCytoscape() {
  const cytoscape = require('cytoscape');
  const document = JSON.parse(text);
  const cy = cytoscape({headless: true, styleEnabled: false, elements: document.elements});
  const edge = cy.getElementById(edgeId);
  return {
    nodes: cy.nodes().length,
    edges: cy.edges().length,
    node: cy.getElementById(nodeKey).data(),
    edge: edge.data(),
    edgeEnds: [edge.source().id(), edge.target().id()],
  };
}

const result = format === 'cytoscape' ? readCytoscape() : readGraphology();
process.stdout.write(JSON.stringify(result) + '\n');
