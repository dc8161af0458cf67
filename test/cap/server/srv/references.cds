// Issue 12, references: the review entities of db/references.cds in the tracker service.
using { tracker as db } from '../db/references';

extend service TrackerService with {
  entity People  as projection on db.People;
  entity Reviews as projection on db.Reviews;
}
