/**
 * Photos (fact sheet §3.11): `User.Photo`, `Contact.Photo` (and Group.Photo) as a media entity whose
 * metadata is synthesized from the stored bytes; a 1x1 GIF placeholder when none was set;
 * [beta] `User.Photos` lists the standard sizes no larger than the uploaded image.
 */
import { NS } from "./model.js";
import { EntityNode, type Mailbox, type PhotoData } from "./store.js";
import type { CollectionView } from "./views.js";

/** A transparent 1x1 GIF. */
export const PLACEHOLDER: PhotoData = {
  bytes: Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64"),
  contentType: "image/gif",
  etag: '"placeholder"',
  width: 1,
  height: 1,
};

export const PHOTO_SIZES = [48, 64, 96, 120, 240, 360, 432, 504, 648];

function storedPhoto(owner: EntityNode): PhotoData | undefined {
  return owner.hidden.photo as PhotoData | undefined;
}

/** The Photo entity of an owner (its largest size, or one standard size). */
export function photoNode(_mb: Mailbox, owner: EntityNode, size?: number): EntityNode {
  const photo = storedPhoto(owner) ?? PLACEHOLDER;
  const width = size ?? photo.width;
  const height = size ?? photo.height;
  const node = new EntityNode(`${NS}.Photo`, { Id: `${width}X${height}`, Width: width, Height: height });
  node.virtual = true;
  node.hidden.photoOwner = owner;
  node.hidden.media = photo;
  if (size !== undefined) node.hidden.photoSize = `${size}x${size}`;
  node.parent = owner;
  node.parentNav = size === undefined ? "Photo" : "Photos";
  return node;
}

/** [beta] `Photos`: the standard sizes available for the stored photo. */
export function photoCollection(mb: Mailbox, owner: EntityNode): CollectionView {
  const sizes = (): number[] => {
    const p = storedPhoto(owner);
    if (!p) return [];
    const max = Math.min(p.width || 648, p.height || 648);
    const fit = PHOTO_SIZES.filter((s) => s <= max);
    return fit.length > 0 ? fit : [PHOTO_SIZES[0] ?? 48];
  };
  return {
    list: () => sizes().map((s) => photoNode(mb, owner, s)),
    find: (key) => {
      const m = /^(\d+)x(\d+)$/i.exec(key);
      const size = m && m[1] === m[2] ? Number(m[1]) : Number.NaN;
      return sizes().includes(size) ? photoNode(mb, owner, size) : undefined;
    },
  };
}

export function photoOwner(node: EntityNode): EntityNode | undefined {
  return node.hidden.photoOwner as EntityNode | undefined;
}

export function photoMedia(node: EntityNode): PhotoData {
  return (node.hidden.media as PhotoData | undefined) ?? PLACEHOLDER;
}
