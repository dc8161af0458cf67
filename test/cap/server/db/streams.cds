// Issue 12, streams and property paths (test/cap/usage/streams.scenarios.ts): a stream property beside its media
// type, primitive and collection-valued properties to address by path.
namespace tracker;

entity Files {
  key id        : String(40);
      name      : String(100);
      size      : Integer;
      labels    : many String;
      @Core.MediaType: mediaType
      content   : LargeBinary;
      @Core.IsMediaType
      mediaType : String(60);
}
