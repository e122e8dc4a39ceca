/** What a signature looks like on the page and where it goes: appearances, their fonts and images, issue number and date, default places. */
export { buildAppearances, type AppearanceRequest, type PageRect, type PlacedAnnotation, type SignatureKind, type TextPosition } from './signatureAppearance';
export { AppearanceResources } from './appearanceResources';
export { appearanceForFile } from './appearanceForFile';
export { decodePng, type DecodedPng } from './pngImage';
export { createIssuePlaceMemory, issueTexts } from './issuePlaces';
export { proposeApprovalPlace, proposeDraftPlaces, proposeIssuePlacesOf, proposeIssueTexts, proposeSealPlace, type DraftPlaces } from './signaturePlaces';
