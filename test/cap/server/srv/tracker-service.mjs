// Handlers of the bound and unbound operations of TrackerService (srv/tracker-service.cds).
import cds from "@sap/cds";

const { SELECT, INSERT, UPDATE } = cds.ql;

// The key of the bound entity is the key of the last path segment, so navigation paths such as
// /Projects('p1')/tasks('t1')/TrackerService.complete work as well.
const keyOf = (req) => {
  const p = req.params.at(-1);
  return typeof p === "object" ? p.id : p;
};

export default class TrackerService extends cds.ApplicationService {
  init() {
    const { Projects, Tasks, Notes, Deliveries } = this.entities;

    const task = async (req) => {
      const row = await SELECT.one.from(Tasks, keyOf(req));
      if (!row) req.reject(404, `Task '${keyOf(req)}' not found`);
      return row;
    };

    this.on("archive", Projects, async (req) => {
      const id = keyOf(req);
      const n = await UPDATE(Projects, id).with({ archived: true });
      if (!n) return req.reject(404, `Project '${id}' not found`);
      if (req.data.reason) await UPDATE(Projects, id).with({ name: `${(await SELECT.one.from(Projects, id)).name} (${req.data.reason})` });
      return SELECT.one.from(Projects, id);
    });

    this.on("complete", Tasks, async (req) => {
      const row = await task(req);
      if (row.done) return req.reject(409, `Task '${row.id}' is already done`);
      await UPDATE(Tasks, row.id).with({ done: true });
      if (req.data.note) await INSERT.into(Notes).entries({ text: req.data.note, author: "complete()", task_id: row.id });
      return SELECT.one.from(Tasks, row.id);
    });

    this.on("addWatcher", Tasks, async (req) => {
      const row = await task(req);
      const { person } = req.data;
      if (!person?.email) return req.reject(400, "person.email is required", "person");
      const watchers = [...(row.watchers ?? []), { name: person.name ?? null, email: person.email }];
      await UPDATE(Tasks, row.id).with({ watchers });
      return watchers;
    });

    this.on("summary", Tasks, async (req) => {
      const row = await task(req);
      const text = `${row.title} [${row.done ? "done" : "open"}, p${row.priority}]`;
      return req.data.maxLength == null ? text : text.slice(0, req.data.maxLength);
    });

    this.on("forecast", Tasks, async (req) => {
      const row = await task(req);
      const factor = req.data.factor ?? 1;
      return {
        hours: Math.round((row.estimate ?? 0) * factor * 100) / 100,
        confidence: row.done ? 1 : 0.5,
        basis: `${row.estimate} h x ${factor}`,
      };
    });

    // bound to the collection
    this.on("reprioritize", Tasks, async (req) => {
      const { fromPriority, toPriority } = req.data;
      return UPDATE(Tasks).set({ priority: toPriority }).where({ priority: fromPriority, done: false });
    });

    this.on("highest", Tasks, async (req) => {
      const open = await SELECT.from(Tasks).where({ done: false }).orderBy("priority desc", "id");
      const tag = req.data.tag;
      return open.find((t) => tag == null || (t.tags ?? []).includes(tag)) ?? null;
    });

    // unbound
    this.on("createTask", async (req) => {
      const { projectId, draft } = req.data;
      if (!draft?.title) return req.reject(400, "draft.title is required", "draft");
      const id = `t-${cds.utils.uuid().slice(0, 8)}`;
      await INSERT.into(Tasks).entries({
        id,
        title: draft.title,
        priority: draft.priority ?? 2,
        tags: draft.tags ?? [],
        watchers: draft.watchers ?? [],
        project_id: projectId,
      });
      return SELECT.one.from(Tasks, id);
    });

    this.on("notify", async (req) => {
      const { recipients, subject } = req.data;
      if (!recipients?.length) return req.reject(400, "recipients must not be empty", "recipients");
      await INSERT.into(Deliveries).entries(recipients.map((r) => ({ recipient: r.email, subject })));
    });

    this.on("workload", async (req) => {
      const email = req.data.email;
      const rows = await SELECT.from(Tasks).orderBy("id");
      const mine = rows.filter((t) => (t.watchers ?? []).some((w) => w.email === email));
      return {
        person: email,
        open: mine.filter((t) => !t.done).length,
        done: mine.filter((t) => t.done).length,
        hours: mine.reduce((n, t) => n + (t.done ? 0 : (t.estimate ?? 0)), 0),
        titles: mine.map((t) => t.title),
      };
    });

    this.on("findTasks", async (req) => {
      const text = (req.data.text ?? "").toLowerCase();
      const rows = await SELECT.from(Tasks).orderBy("id");
      return rows.filter((t) => t.title.toLowerCase().includes(text) && (!req.data.onlyOpen || !t.done));
    });

    this.on("countMatching", async (req) => {
      const f = req.data.filter ?? {};
      const rows = await SELECT.from(Tasks);
      return rows.filter((t) => (f.minPriority == null || t.priority >= f.minPriority) && (f.tag == null || (t.tags ?? []).includes(f.tag))).length;
    });

    this.on("serverInfo", () => ({ name: "cap-tracker", build: 42 }));

    return super.init();
  }
}
