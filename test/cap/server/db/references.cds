// Issue 12, references: entities a review links to without owning them. `lead` and `reviewers` are associations,
// not compositions, so the service offers them as navigations that are no containment (`$ref`, `@odata.bind`).
namespace tracker;

entity People {
  key id     : String(40);
      name   : String(100);
      // the review this person is a reviewer of, if any: the other side of Reviews.reviewers
      review : Association to Reviews;
}

entity Reviews {
  key id        : String(40);
      title     : String(100);
      lead      : Association to People;
      reviewers : Association to many People
                    on reviewers.review = $self;
}
