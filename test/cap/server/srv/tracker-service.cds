using { tracker as db } from '../db/schema';

@path: '/tracker'
@impl: 'srv/tracker-service.mjs'
service TrackerService {

  entity Projects as projection on db.Projects actions {
    action archive(reason : String) returns Projects;
  };

  entity Tasks as projection on db.Tasks actions {
    action   complete(note : String) returns Tasks;
    action   addWatcher(person : db.Person) returns many db.Person;
    function summary(maxLength : Integer) returns String;
    function forecast(factor : Double) returns db.Estimate;
    // bound to the collection
    action   reprioritize(in : many $self, fromPriority : Integer, toPriority : Integer) returns Integer;
    function highest(in : many $self, tag : String) returns Tasks;
  };

  // paged as well: 2 per page, also when read through Tasks(...)/notes
  @cds.query.limit: { default: 2, max: 50 }
  entity Notes as projection on db.Notes;

  entity Milestones as projection on db.Milestones;

  @readonly
  entity Deliveries as projection on db.Deliveries;

  // server-driven paging: 3 per page, so 8 rows come in 3 pages
  @cds.query.limit: { default: 3, max: 50 }
  entity Activities as projection on db.Activities;

  @odata.singleton
  entity Settings as projection on db.Settings;

  // unbound operations (action and function imports)
  action   createTask(projectId : String, draft : db.TaskDraft) returns Tasks;
  action   notify(recipients : many db.Person, subject : String);
  function workload(email : String) returns db.Workload;
  function findTasks(text : String, onlyOpen : Boolean) returns many Tasks;
  function countMatching(filter : db.TaskFilter) returns Integer;
  function serverInfo() returns { name : String; build : Integer; };
}
