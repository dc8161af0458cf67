using { tracker as db } from '../db/streams';

extend service TrackerService with {
  entity Files as projection on db.Files;
}
