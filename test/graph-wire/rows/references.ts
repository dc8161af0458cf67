// Issue 12, references: `$ref` on every navigation that is no containment, and `@odata.bind` in bodies, built with
// `bind(node)`. URLs are Graph's segment style; `$id` carries the absolute URL of the entity (percent-decoded here).
import type { Row } from "./row.js";

const noContent = (): Response => new Response(null, { status: 204 });
const refs = (): Response =>
  new Response(
    JSON.stringify({
      "@odata.context": "https://graph.test/v1.0/$metadata#directoryObjects",
      value: [{ "@odata.id": "https://graph.test/v1.0/directoryObjects/u1/Microsoft.DirectoryServices.User" }],
    }),
    { status: 200, headers: { "Content-Type": "application/json" } },
  );
const created = (): Response =>
  new Response('{"id":"g9","displayName":"Library Assist"}', { status: 201, headers: { "Content-Type": "application/json" } });

export const rows: readonly Row[] = [
  {
    cause: "No way to address references",
    calls: [
      {
        name: "lists a group's owners as references (GET …/owners/$ref)",
        code: 'return client.groups.byId("g1").owners.$ref.list({ top: 5 });',
        requests: [{ method: "GET", url: "https://graph.test/v1.0/groups/g1/owners/$ref?$top=5", headers: { accept: "application/json" } }],
        answer: refs,
        check: (r) => {
          const value = (r as { value: { "@odata.id": string }[] }).value;
          if (value[0]?.["@odata.id"] !== "https://graph.test/v1.0/directoryObjects/u1/Microsoft.DirectoryServices.User") throw new Error("no reference read");
        },
      },
      {
        name: "adds an owner (POST /groups/{id}/owners/$ref with @odata.id)",
        imports: ["bind"],
        code: 'return client.groups.byId("g1").owners.$ref.post(bind(client.directoryObjects.byId("u1")));',
        requests: [
          {
            method: "POST",
            url: "https://graph.test/v1.0/groups/g1/owners/$ref",
            body: '{"@odata.id":"https://graph.test/v1.0/directoryObjects/u1"}',
            headers: { "content-type": "application/json" },
          },
        ],
        answer: noContent,
      },
      {
        name: "removes an owner by key (DELETE /groups/{id}/owners/{id}/$ref)",
        code: 'return client.groups.byId("g1").owners.byId("u1").$ref.delete();',
        requests: [{ method: "DELETE", url: "https://graph.test/v1.0/groups/g1/owners/u1/$ref" }],
        answer: noContent,
      },
      {
        name: "adds a member, a user, where directory objects are accepted",
        imports: ["bind"],
        code: 'return client.groups.byId("g1").members.$ref.post(bind(client.users.byId("alexd@contoso.com")));',
        requests: [
          {
            method: "POST",
            url: "https://graph.test/v1.0/groups/g1/members/$ref",
            body: '{"@odata.id":"https://graph.test/v1.0/users/alexd@contoso.com"}',
          },
        ],
        answer: noContent,
      },
      {
        name: "removes a member by its URL, for when the key is unknown (DELETE …/members/$ref?$id=…)",
        imports: ["bind"],
        code: 'return client.groups.byId("g1").members.$ref.delete(bind(client.users.byId("u 2")));',
        // The entity's URL percent-encodes the key; as a query value it is encoded once more.
        requests: [{ method: "DELETE", url: "https://graph.test/v1.0/groups/g1/members/$ref?$id=https://graph.test/v1.0/users/u%202", body: undefined }],
        answer: noContent,
      },
      {
        name: "sets and removes a user's manager (PUT, DELETE /users/{id}/manager/$ref)",
        imports: ["bind"],
        code: 'const manager = client.users.byId("u1").manager;\nawait manager.$ref.put(bind(client.users.byId("m1")));\nreturn manager.$ref.delete();',
        requests: [
          { method: "PUT", url: "https://graph.test/v1.0/users/u1/manager/$ref", body: '{"@odata.id":"https://graph.test/v1.0/users/m1"}' },
          { method: "DELETE", url: "https://graph.test/v1.0/users/u1/manager/$ref" },
        ],
        answer: noContent,
      },
    ],
    refused: [
      { code: 'await client.groups.byId("g1").owners.byId("u1").delete();', why: "the trap: it would delete the user, not the owner link" },
      { code: 'await client.users.byId("u1").manager.delete();', why: "it would delete the manager, not the link" },
      {
        code: 'await client.groups.byId("g1").owners.cast("microsoft.graph.user").byId("u1").delete();',
        why: "a cast of a link is a link: its members still offer no delete",
      },
      { code: "await client.me.messages.$ref.list();", why: "messages are contained: no references to address" },
      {
        code: 'await client.groups.byId("g1").owners.$ref.post(bind(client.identityGovernance.entitlementManagement.accessPackages.byId("a1")));',
        why: "an access package is no directory object",
      },
      { code: 'await client.groups.byId("g1").owners.$ref.post("https://graph.test/v1.0/users/u1");', why: "a reference is made by bind(node)" },
      { code: "bind(client.users);", why: "bind takes a node of one entity, not a collection" },
    ],
  },
  {
    cause: "Binding in bodies",
    calls: [
      {
        name: "creates a group with members@odata.bind and owners@odata.bind",
        imports: ["bind"],
        code: [
          "return client.groups.create({",
          '  displayName: "Library Assist",',
          '  mailNickname: "library",',
          "  mailEnabled: true,",
          "  securityEnabled: false,",
          '  groupTypes: ["Unified"],',
          '  "members@odata.bind": [bind(client.directoryObjects.byId("u1")), bind(client.users.byId("u2"))],',
          '  "owners@odata.bind": [bind(client.users.byId("u3"))],',
          "});",
        ].join("\n"),
        requests: [
          {
            method: "POST",
            url: "https://graph.test/v1.0/groups",
            body: JSON.stringify({
              displayName: "Library Assist",
              mailNickname: "library",
              mailEnabled: true,
              securityEnabled: false,
              groupTypes: ["Unified"],
              "members@odata.bind": ["https://graph.test/v1.0/directoryObjects/u1", "https://graph.test/v1.0/users/u2"],
              "owners@odata.bind": ["https://graph.test/v1.0/users/u3"],
            }),
            headers: { "content-type": "application/json" },
          },
        ],
        answer: created,
        check: (r) => {
          if ((r as { id?: string }).id !== "g9") throw new Error("no created group");
        },
      },
      {
        name: "updates a single-valued navigation with @odata.bind (PATCH)",
        imports: ["bind"],
        code: 'return client.users.byId("u1").update({ "manager@odata.bind": bind(client.users.byId("m2")) });',
        requests: [{ method: "PATCH", url: "https://graph.test/v1.0/users/u1", body: '{"manager@odata.bind":"https://graph.test/v1.0/users/m2"}' }],
        answer: noContent,
      },
    ],
    refused: [
      {
        code: 'await client.groups.create({ displayName: "x", "members@odata.bind": [bind(client.me.messages.byId("m1"))] });',
        why: "a message is no directory object",
      },
      { code: 'await client.groups.create({ displayName: "x", "members@odata.bind": bind(client.users.byId("u1")) });', why: "a collection binds an array" },
      { code: 'await client.groups.create({ displayName: "x", "photo@odata.bind": "x" });', why: "photo is contained: nothing to bind" },
    ],
  },
];
