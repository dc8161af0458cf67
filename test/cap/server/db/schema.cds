// The data model behind the CAP end-to-end tests of the generated client (test/cap/cap.test.ts):
// a small project tracker. Written for this project; every row of db/data/*.csv is asserted on somewhere.
namespace tracker;

// Structured types. CAP serves single-valued structured elements flattened (`budget_amount`), so the
// entities below use them only as collections; actions take and return them as real complex types.
type Person {
  name  : String(100);
  email : String(200);
}

type TaskDraft {
  title    : String(200);
  priority : Integer;
  tags     : many String;
  watchers : many Person;
}

type Estimate {
  hours      : Decimal(8, 2);
  confidence : Double;
  basis      : String(40);
}

type Workload {
  person : String(200);
  open   : Integer;
  done   : Integer;
  hours  : Double;
  titles : many String;
}

type TaskFilter {
  minPriority : Integer;
  tag         : String(40);
}

entity Projects {
  key id        : String(40);
      name      : String(100);
      budget    : Decimal(12, 2);
      startsOn  : Date;
      archived  : Boolean default false;
      // Edm.Stream with its media type in another property
      @Core.MediaType: logoType
      logo      : LargeBinary;
      @Core.IsMediaType
      logoType  : String(60);
      tasks      : Composition of many Tasks on tasks.project = $self;
      milestones : Composition of many Milestones on milestones.project = $self;
}

entity Tasks {
  key id       : String(40);
      title    : String(200);
      done     : Boolean default false;
      priority : Integer default 2;
      estimate : Double;
      dueAt    : Timestamp;
      tags     : many String;
      watchers : many Person;
      project  : Association to Projects;
      notes    : Composition of many Notes on notes.task = $self;
}

entity Notes {
  key id     : UUID;
      text   : String(500);
      author : String(100);
      task   : Association to Tasks;
}

entity Milestones {
  key id         : String(40);
      title      : String(100);
      due        : Date;
      reached    : Boolean default false;
      // optimistic concurrency: every write needs If-Match (428 without, 412 when stale)
      @odata.etag
      modifiedAt : Timestamp @cds.on.insert: $now  @cds.on.update: $now;
      project    : Association to Projects;
}

// written by the notify action
entity Deliveries {
  key id        : UUID;
      recipient : String(200);
      subject   : String(200);
}

entity Activities {
  key seq     : Integer;
      kind    : String(20);
      message : String(200);
}

entity Settings {
  key id            : Integer;
      theme         : String(20);
      pageSize      : Integer;
      notifications : Boolean;
}
