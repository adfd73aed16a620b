/**
 * A notification is read when the page it links to is opened. The portal asks for that with its page's own first
 * request to the api, in this header (the page's path), rather than with a request of its own
 * (`markNotificationsReadAt`, which does the same): the api marks read the caller's unread notifications that link to
 * the page, or to a page above it, before it answers the request's first field.
 */
export const READ_NOTIFICATIONS_AT_HEADER = 'x-read-notifications-at';

/** A page of this service as a notification links to it: a path, nothing else (no query, fragment or space). */
export const PAGE_LINK_PATTERN = /^\/(?![/\\])[^\s?#]*$/;
export const PAGE_LINK_MAX_LENGTH = 300;

/** Whether this is a page link the api takes (in the header too: printable ASCII only, as a header carries it). */
export function isPageLink(link: unknown): link is string {
  return (
    typeof link === 'string' &&
    link.length <= PAGE_LINK_MAX_LENGTH &&
    PAGE_LINK_PATTERN.test(link) &&
    /^[\x21-\x7e]+$/.test(link)
  );
}
