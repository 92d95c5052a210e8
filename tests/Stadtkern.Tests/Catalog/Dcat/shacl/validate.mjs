// Validates DCAT-AP.de documents against the official DCAT-AP.de 3.0 SHACL shapes, offline, the way
// shared/dcat-ap-de/INDEX.md describes: one shapes graph (DCAT-AP 3.0.0 + the German files), and a data graph of the
// document plus the vocabularies and code lists the shapes look into. Counts results by severity.
// Usage: node validate.mjs SHARED_DCAT_AP_DE_FOLDER FILE...  (.ttl Turtle, .rdf RDF/XML, .jsonld JSON-LD)
// Prints one JSON object per file: {"file", "triples", "violations", "warnings", "infos", "results": [...]}.
// With --parse-only instead of the folder, it only parses and prints each file's triples as sorted N-Triples lines
// (blank nodes written _:b), so that the three syntaxes of one graph can be compared.
import fs from 'node:fs';
import path from 'node:path';
import { Parser, Store } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import jsonld from 'jsonld';
import SHACLValidator from 'rdf-validate-shacl';

const [folder, ...files] = process.argv.slice(2);
if (!folder || files.length === 0) {
  console.error('usage: node validate.mjs SHARED_DCAT_AP_DE_FOLDER|--parse-only FILE...');
  process.exit(2);
}

const shapeFiles = [
  'dcat-ap-3.0.0/dcat-ap-SHACL.ttl',
  'v3.0/shapes/dcat-ap-SHACL-DE.ttl',
  'v3.0/shapes/dcat-ap-spec-german-additions.ttl',
  'v3.0/shapes/dcat-ap-de-controlledvocabularies.ttl',
  'v3.0/shapes/dcat-ap-de-deprecated.ttl',
];
const vocabularyFiles = [
  'mirror/vcard.ttl',
  'mirror/org.ttl',
  'turtle-converted/foaf_0_1.ttl',
  'turtle-converted/ADMS_SKOS_v1.00.ttl',
  'turtle-converted/dcat-ap-de-contributors.ttl',
  'turtle-converted/dcat-ap-de-licenses-open.ttl',
  'eu-authority-subset.ttl',
];

const turtle = (text, base) => new Parser({ baseIRI: base }).parse(text);

function rdfXml(text, base) {
  return new Promise((resolve, reject) => {
    const quads = [];
    const parser = new RdfXmlParser({ baseIRI: base });
    parser.on('data', q => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

async function jsonLd(text) {
  // The documents carry their @context inline; nothing may be fetched.
  const documentLoader = url => { throw new Error(`JSON-LD document tried to load ${url}`); };
  const nquads = await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads', documentLoader, safe: true });
  return new Parser({ format: 'N-Quads' }).parse(nquads);
}

async function parse(file) {
  const text = fs.readFileSync(file, 'utf8');
  const base = 'file://' + path.resolve(file);
  switch (path.extname(file)) {
    case '.ttl': return turtle(text, base);
    case '.rdf': return rdfXml(text, base);
    case '.jsonld': return jsonLd(text);
    default: throw new Error(`unknown file type: ${file}`);
  }
}

const term = t => t.termType === 'NamedNode' ? `<${t.value}>` : t.termType === 'BlankNode' ? '_:b'
  : JSON.stringify(t.value) + (t.language ? '@' + t.language : t.datatype.value === 'http://www.w3.org/2001/XMLSchema#string' ? '' : `^^<${t.datatype.value}>`);

if (folder === '--parse-only') {
  for (const file of files) {
    try {
      const quads = await parse(file);
      console.log(JSON.stringify({ file, triples: quads.map(q => `${term(q.subject)} ${term(q.predicate)} ${term(q.object)} .`).sort() }));
    } catch (e) {
      console.log(JSON.stringify({ file, error: String(e?.message ?? e) }));
    }
  }
  process.exit(0);
}

const load = name => turtle(fs.readFileSync(path.join(folder, name), 'utf8'), 'file://' + path.join(folder, name));
const shapes = new Store(shapeFiles.flatMap(load));
const vocabularies = vocabularyFiles.flatMap(load);
const SH = 'http://www.w3.org/ns/shacl#';

for (const file of files) {
  let outcome;
  try {
    const document = await parse(file);
    const data = new Store([...vocabularies, ...document]);
    const report = await new SHACLValidator(shapes).validate(data);
    const results = report.results.map(r => ({
      severity: r.severity?.value.replace(SH, ''),
      focus: r.focusNode?.value,
      path: r.path?.value,
      value: r.value?.value,
      message: r.message.map(m => m.value).join(' | '),
    }));
    const count = s => results.filter(r => r.severity === s).length;
    outcome = { file, triples: document.length, violations: count('Violation'), warnings: count('Warning'), infos: count('Info'), results };
  } catch (e) {
    outcome = { file, error: String(e?.message ?? e) };
  }
  console.log(JSON.stringify(outcome));
}
