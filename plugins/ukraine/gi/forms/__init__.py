"""The GI application's forms (digest §2), read with the core FieldReader: the request
(Appendix 1, GI rules II.3: :mod:`.application`), the product specification (Appendix 2,
II.4: :mod:`.specification`), the single document (Appendix 3, II.6:
:mod:`.single_document`), the foreign protection documents (II.5: :mod:`.foreign`) and the
competent authority's agreement (§2.7: :mod:`.agreement`); oppositions (V.7.3-7.4:
:mod:`.opposition`). Every problem names its path and the digest's rule (VR-nn, VO-nn)
with the point of the Rules."""

from ipreg.plugins.ukraine.gi.forms.application import APPLICATION, Filing, read_filing
from ipreg.plugins.ukraine.gi.forms.common import GiReader

__all__ = ["APPLICATION", "Filing", "GiReader", "read_filing"]
