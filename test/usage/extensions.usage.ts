// Usage of the v2.0 client's extended properties and data extensions, written the way an application would write it.
// Type-checked by test/usage/tsconfig.json (TypeScript 5.9 and 7); the same calls run against a fake fetch in
// test/extensions/outlook.test.ts.
import {
  defineExtendedProperty,
  defineExtension,
  expandExtendedProperties,
  extendedProperty,
  ExtendedPropertyError,
  extendedPropertyValues,
  extension,
  type Message,
  type ServiceClient,
} from "../../generated/v2.0/index.js";

// ---- Definitions, once per application --------------------------------------------------------------------------

const CONTOSO = "8ECCC264-6880-4EBE-992F-8888D2EEAA1D";

/** A named property: `String {8ECCC264-…} Name Referral`. */
export const referralSource = defineExtendedProperty({ type: "String", guid: CONTOSO, name: "Referral" });
/** A numeric-id property: `Integer {8ECCC264-…} Id 0x8012`. */
export const followUpCount = defineExtendedProperty({ type: "Integer", guid: CONTOSO, id: 0x8012 });
/** A proptag: `String 0x0037` (PR_SUBJECT). */
export const subjectTag = defineExtendedProperty({ type: "String", tag: 0x0037 });
/** Multi-value properties live in MultiValueExtendedProperties. */
export const referralTags = defineExtendedProperty({ type: "StringArray", guid: CONTOSO, name: "Tags" });
export const scores = defineExtendedProperty({ type: "IntegerArray", guid: CONTOSO, id: 0x8013 });
export const signedAt = defineExtendedProperty({ type: "SystemTime", guid: CONTOSO, name: "SignedAt" });

export interface Referral {
  companyName: string;
  dealValue?: number;
  expirationDate?: string;
  topPicks?: string[];
}
export const referral = defineExtension<Referral>("Com.Contoso.Referral");

// ---- Extended properties ------------------------------------------------------------------------------------------

/** GET /Me/Messages('id')?$expand=SingleValueExtendedProperties($filter=PropertyId eq '…'), then the typed value. */
export async function referralOf(client: ServiceClient, id: string): Promise<string | undefined> {
  const message = await client.me.messages.byId(id).get({ select: ["Subject"], expand: referralSource.expand() });
  return referralSource.read(message);
}

/** Several properties in one request: single- and multi-value each in their own navigation. */
export async function everything(
  client: ServiceClient,
  id: string,
): Promise<{ source?: string; count?: number; tags?: string[]; scores?: number[]; signed?: Date }> {
  const event = await client.me.events.byId(id).get({
    expand: expandExtendedProperties(referralSource, followUpCount, referralTags, scores, signedAt),
  });
  const source = referralSource.read(event);
  const count = followUpCount.read(event);
  const tags = referralTags.read(event);
  const s = scores.read(event);
  const signed = signedAt.read(event);
  return {
    ...(source !== undefined ? { source } : {}),
    ...(count !== undefined ? { count } : {}),
    ...(tags !== undefined ? { tags } : {}),
    ...(s !== undefined ? { scores: s } : {}),
    ...(signed !== undefined ? { signed } : {}),
  };
}

/** On list: every contact that carries the property with that value, the property expanded. */
export async function contactsReferredBy(client: ServiceClient, source: string): Promise<string[]> {
  const page = await client.me.contacts.list({
    filter: referralSource.filter(source),
    expand: referralSource.expand(),
    select: ["DisplayName"],
  });
  return page.value.map((c) => `${c.DisplayName ?? "?"} (${referralSource.read(c) ?? "-"})`);
}

/** Folders that carry a property at all, with its value. */
export async function taggedFolders(client: ServiceClient): Promise<[string, number | undefined][]> {
  const mail = await client.me.mailFolders.list({ filter: followUpCount.filter(), expand: followUpCount.expand() });
  const contacts = await client.me.contactFolders.list({ filter: followUpCount.filter(3), expand: followUpCount.expand() });
  const calendars = await client.me.calendars.list({ expand: followUpCount.expand() });
  return [...mail.value, ...contacts.value, ...calendars.value].map((f) => [f.Id ?? "", followUpCount.read(f)]);
}

/** Set in a create body, and in an update body. */
export async function createAndTag(client: ServiceClient): Promise<string> {
  const draft: Message = {
    Subject: "Referral: Wingtip Toys",
    ...extendedPropertyValues(referralSource.set("Wingtip Toys"), followUpCount.set(0), referralTags.set(["gold"])),
  };
  const created = await client.me.messages.create(draft);
  await client.me.messages.byId(created.Id ?? "").update({ ...followUpCount.set(1) });
  await client.me.mailFolders.byId("Inbox").update({ ...scores.set([1, 2, 3]) });
  await client.me.contactFolders.create({ DisplayName: "Partners", ...referralSource.set("trade show") });
  await client.me.calendars.byId("c1").update({ ...signedAt.set(new Date(0)) });
  return created.Id ?? "";
}

/** The accessor: one property of one item. */
export async function bumpFollowUps(client: ServiceClient, id: string): Promise<number> {
  const count = extendedProperty(client.me.messages.byId(id), followUpCount);
  const next = ((await count.get()) ?? 0) + 1;
  await count.set(next);
  await extendedProperty(client.me.events.byId(id), referralTags).set(["followed-up"]);
  const subject: string | undefined = await extendedProperty(client.me.contacts.byId(id), subjectTag).get();
  return subject === undefined ? next : next + 0;
}

/** A bad definition throws ExtendedPropertyError, naming the input. */
export function tryDefine(guid: string): string {
  try {
    return defineExtendedProperty({ type: "String", guid, name: "Referral" }).id;
  } catch (e) {
    if (e instanceof ExtendedPropertyError) return e.message;
    throw e;
  }
}

// ---- Data extensions ----------------------------------------------------------------------------------------------

/** POST /Me/Messages('id')/Extensions, then GET by name and by id, PATCH, DELETE. */
export async function extensionLifecycle(client: ServiceClient, id: string): Promise<number | undefined> {
  const ext = extension(client.me.messages.byId(id), referral);
  const created = await ext.create({ companyName: "Wingtip Toys", dealValue: 500050, topPicks: ["Employees only"] });
  const byName = await ext.get();
  const byId = await ext.get({ by: "id" });
  await ext.update({ dealValue: 600000 });
  await ext.delete({ by: "id" });
  await extension(client.me.events.byId(id), referral).delete();
  return created.dealValue ?? byName.dealValue ?? byId.dealValue;
}

/** Created inline with a new item. */
export async function newContactWithReferral(client: ServiceClient): Promise<string> {
  const contact = await client.me.contacts.create({
    GivenName: "Dana",
    ...referral.inline({ companyName: "Wingtip Toys", dealValue: 1 }),
  });
  await client.me.events.create({ Subject: "Kick-off", ...referral.inline({ companyName: "Wingtip Toys" }) });
  return contact.Id ?? "";
}

/** Expand on get, find-and-expand on list, and the payload typed as Referral. */
export async function referrals(client: ServiceClient, id: string): Promise<string[]> {
  const one = await client.me.messages.byId(id).get({ expand: referral.expand() });
  const page = await client.me.messages.list({ filter: referral.filter(), expand: referral.expand(), top: 25 });
  const payloads = [one, ...page.value].map((m) => referral.read(m)).filter((r): r is Referral => r !== undefined);
  return payloads.map((r) => `${r.companyName}: ${r.dealValue ?? 0}`);
}

/** Extensions and extended properties expanded together. */
export async function both(client: ServiceClient, id: string): Promise<[Referral | undefined, string | undefined]> {
  const contact = await client.me.contacts.byId(id).get({ expand: { ...referral.expand(), ...referralSource.expand() } });
  return [referral.read(contact), referralSource.read(contact)];
}

/** Group posts carry both too. */
export async function postReferral(client: ServiceClient, group: string, thread: string, post: string): Promise<Referral> {
  const p = client.groups.byId(group).threads.byId(thread).posts.byId(post);
  await extendedProperty(p, referralSource).get();
  return extension(p, referral).get();
}
