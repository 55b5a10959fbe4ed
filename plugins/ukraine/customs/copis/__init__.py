"""The EU COPIS exchange, in one replaceable module: the COPIS interface is not public
(digest §1.4 [Gap]); ``afa`` maps a recordal onto the AFA boxes and back, the codecs
write and read it as JSON and XML, and detentions go out with their recordal."""
