/** A dropped item that has no file on disk behind it (text or an image dragged from a web page). */
export interface LocalRejection {
  name: string;
  reason: string;
}
