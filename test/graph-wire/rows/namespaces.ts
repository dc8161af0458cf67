// Namespace-qualified operations on Graph, whose bound operations lie in several namespaces (microsoft.graph, and
// microsoft.graph.security, …identityGovernance, …): the exceptions are the export operationNamespaces, which
// `qualifiedOperations` takes; `true` would qualify them with microsoft.graph, so the types refuse it and createClient
// throws.
import type { Row } from "./row.js";

const BASE = "https://graph.test/v1.0";

export const rows: readonly Row[] = [
  {
    cause: "Operation namespaces (qualifiedOperations), outside the default bundle",
    calls: [
      {
        name: "qualifies each operation with its own namespace, given operationNamespaces",
        imports: ["operationNamespaces"],
        code: [
          `const q = createClient({ baseUrl: "${BASE}", fetch, qualifiedOperations: operationNamespaces });`,
          'await q.security.cases.ediscoveryCases.byId("c").close.post();',
          'await q.security.cases.ediscoveryCases.byId("c").reviewSets.byId("r").export.post({ outputName: "o" });',
          'await q.me.messages.byId("m").move.post({ DestinationId: "inbox" });',
          'return q.me.sendMail.post({ Message: { subject: "Hi" } });',
        ].join("\n"),
        requests: [
          { method: "POST", url: `${BASE}/security/cases/ediscoveryCases/c/microsoft.graph.security.close` },
          {
            method: "POST",
            url: `${BASE}/security/cases/ediscoveryCases/c/reviewSets/r/microsoft.graph.security.export`,
            body: '{"outputName":"o"}',
          },
          { method: "POST", url: `${BASE}/me/messages/m/microsoft.graph.move`, body: '{"DestinationId":"inbox"}' },
          { method: "POST", url: `${BASE}/me/microsoft.graph.sendMail`, body: '{"Message":{"subject":"Hi"}}' },
        ],
      },
      {
        name: "sends bare names by default",
        code: 'return client.security.cases.ediscoveryCases.byId("c").close.post();',
        requests: [{ method: "POST", url: `${BASE}/security/cases/ediscoveryCases/c/close` }],
      },
      {
        name: "refuses qualifiedOperations: true at run time, naming the export to pass",
        code: [
          "try {",
          `  createClient({ baseUrl: "${BASE}", fetch, qualifiedOperations: true as never });`,
          '  return "created";',
          "} catch (e) {",
          "  return e;",
          "}",
        ].join("\n"),
        requests: [],
        check: (e) => {
          if (!(e instanceof TypeError) || e.message !== "qualifiedOperations: pass operationNamespaces") {
            throw new Error(`expected the TypeError naming operationNamespaces, got ${String(e)}`);
          }
        },
      },
    ],
    refused: [
      {
        code: "createClient({ qualifiedOperations: true });",
        why: "true would qualify microsoft.graph.security's operations with microsoft.graph: pass operationNamespaces",
      },
      {
        code: 'createClient({ qualifiedOperations: { close: "microsoft.graph" } });',
        why: "only the version's own table of namespaces is taken",
      },
    ],
  },
];
