"""``imsmanifest.xml`` for SCORM 1.2 and SCORM 2004 4th edition.

One organisation, one item per module in course order, each pointing at its own
SCO resource (the launch page); every other file belongs to one shared asset
resource that each SCO depends on, so each file is listed exactly once.
Metadata is the short ``schema``/``schemaversion`` pair, no inline LOM.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

PackageVersion = Literal["12", "2004"]
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SHARED_RESOURCE = "res-course"


@dataclass(frozen=True)
class Sco:
    """One module: the LMS lists it by title and launches ``href``."""

    identifier: str
    title: str
    href: str
    mastery_score: int | None


@dataclass(frozen=True)
class Organization:
    """The package's table of contents."""

    identifier: str
    title: str
    scos: list[Sco]


@dataclass(frozen=True)
class _Schema:
    content_packaging: str
    adlcp: str
    schema_version: str
    extra: dict[str, str]  # prefix → namespace
    locations: str


SCHEMAS: dict[PackageVersion, _Schema] = {
    "12": _Schema(
        content_packaging="http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2",
        schema_version="1.2",
        extra={},
        locations=(
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
            "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
            "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"
        ),
    ),
    "2004": _Schema(
        content_packaging="http://www.imsglobal.org/xsd/imscp_v1p1",
        adlcp="http://www.adlnet.org/xsd/adlcp_v1p3",
        schema_version="2004 4th Edition",
        extra={
            "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
            "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
            "imsss": "http://www.imsglobal.org/xsd/imsss",
        },
        locations=(
            "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
            "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
            "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
            "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
            "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"
        ),
    ),
}


def manifest_xml(
    version: PackageVersion, organization: Organization, files: list[str], package_version: str
) -> bytes:
    """The manifest of a package holding ``files`` (every file but the manifest itself)."""
    root = _root(version, organization, package_version)
    _organizations(root, version, organization)
    _resources(root, version, organization, files)
    ET.indent(root, space=" ")
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return (declaration + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def _root(version: PackageVersion, organization: Organization, package_version: str) -> ET.Element:
    schema = SCHEMAS[version]
    # Tags are written with literal prefixes and the namespaces declared on the root:
    # LMS parsers expect the content-packaging elements unprefixed (<manifest>, <item>),
    # which ElementTree's own namespace handling cannot produce alongside unprefixed attributes.
    namespaces = {"xmlns": schema.content_packaging, "xmlns:adlcp": schema.adlcp}
    namespaces |= {f"xmlns:{prefix}": uri for prefix, uri in schema.extra.items()}
    root = ET.Element(
        "manifest",
        {
            "identifier": f"{organization.identifier}-scorm{version}",
            "version": package_version,
            **namespaces,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": schema.locations,
        },
    )
    metadata = ET.SubElement(root, "metadata")
    _text(metadata, "schema", "ADL SCORM")
    _text(metadata, "schemaversion", schema.schema_version)
    return root


def _organizations(root: ET.Element, version: PackageVersion, organization: Organization) -> None:
    organizations = ET.SubElement(root, "organizations", default=organization.identifier)
    org = ET.SubElement(organizations, "organization", identifier=organization.identifier)
    _text(org, "title", organization.title)
    for sco in organization.scos:
        item = ET.SubElement(
            org, "item", identifier=f"item-{sco.identifier}", identifierref=f"res-{sco.identifier}"
        )
        _text(item, "title", sco.title)
        if version == "12":
            if sco.mastery_score is not None:
                # Moodle passes it back as cmi.student_data.mastery_score: the same pass mark.
                _text(item, "adlcp:masteryscore", str(sco.mastery_score))
            continue
        sequencing = ET.SubElement(item, "imsss:sequencing")
        if sco.mastery_score is not None:
            _primary_objective(sequencing, sco)
        # Without these, a 2004 LMS marks a module complete and satisfied as it opens.
        ET.SubElement(
            sequencing,
            "imsss:deliveryControls",
            completionSetByContent="true",
            objectiveSetByContent="true",
        )
    if version == "2004":
        # Learners may open modules in any order and move on with the LMS's buttons.
        sequencing = ET.SubElement(org, "imsss:sequencing")
        ET.SubElement(sequencing, "imsss:controlMode", choice="true", flow="true")


def _resources(
    root: ET.Element, version: PackageVersion, organization: Organization, files: list[str]
) -> None:
    resources = ET.SubElement(root, "resources")
    scorm_type = "adlcp:scormtype" if version == "12" else "adlcp:scormType"
    launch_pages = {sco.href for sco in organization.scos}
    for sco in organization.scos:
        resource = ET.SubElement(
            resources,
            "resource",
            {
                "identifier": f"res-{sco.identifier}",
                "type": "webcontent",
                scorm_type: "sco",
                "href": _href(sco.href),
            },
        )
        ET.SubElement(resource, "file", href=_href(sco.href))
        ET.SubElement(resource, "dependency", identifierref=SHARED_RESOURCE)
    shared = ET.SubElement(
        resources,
        "resource",
        {"identifier": SHARED_RESOURCE, "type": "webcontent", scorm_type: "asset"},
    )
    for name in files:
        if name not in launch_pages:
            ET.SubElement(shared, "file", href=_href(name))


def _primary_objective(sequencing: ET.Element, sco: Sco) -> None:
    """The pass mark as the module's objective: satisfied by a scaled score of at least it.

    Moodle reads it as ``cmi.scaled_passing_score``, which the runtime uses as the pass mark.
    """
    assert sco.mastery_score is not None
    objectives = ET.SubElement(sequencing, "imsss:objectives")
    primary = ET.SubElement(
        objectives,
        "imsss:primaryObjective",
        objectiveID=f"{sco.identifier}.pass",
        satisfiedByMeasure="true",
    )
    _text(primary, "imsss:minNormalizedMeasure", f"{sco.mastery_score / 100:.4g}")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, tag)
    child.text = text
    return child


def _href(path: str) -> str:
    """A package path as a relative URL (spaces and non-ASCII percent-encoded)."""
    return quote(path, safe="/-_.~")
