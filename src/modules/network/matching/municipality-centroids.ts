// Where an organisation is, for the partner search's distances: a position from its municipality
// key (AGS). PARTIAL BY DESIGN: no npm package ships the centroids of Germany's ~10,800 Gemeinden
// (checked in December 2026; `landkreise-deutschland` has the district keys, see district-keys.ts,
// but no coordinates), and copying a geodata set was out of this change's reach. So this table
// holds the larger cities (the kreisfreie Städte and a few city members of a Region or
// Städteregion), rounded to about a kilometre; any other key falls back to the approximate middle
// of its Land, which makes distances within a Land coarse. Replace with the Gemeinde centroids of
// the BKG's VG250 (Geodatenzentrum, dl-de/by-2-0) when a shipped geodata set is decided.
import { isMunicipalityKey } from '../organisation-rules';

export interface Position {
  lat: number;
  lon: number;
}

/** Centroids of larger cities by their eight-digit AGS. */
export const cityCentroids: Readonly<Record<string, Position>> = {
  '01002000': { lat: 54.323, lon: 10.123 }, // Kiel
  '01003000': { lat: 53.866, lon: 10.687 }, // Lübeck
  '01001000': { lat: 54.784, lon: 9.436 }, // Flensburg
  '02000000': { lat: 53.551, lon: 9.994 }, // Hamburg
  '03101000': { lat: 52.269, lon: 10.521 }, // Braunschweig
  '03102000': { lat: 52.154, lon: 10.333 }, // Salzgitter
  '03103000': { lat: 52.423, lon: 10.787 }, // Wolfsburg
  '03241001': { lat: 52.375, lon: 9.732 }, // Hannover (Region Hannover)
  '03403000': { lat: 53.143, lon: 8.214 }, // Oldenburg (Oldb)
  '03404000': { lat: 52.279, lon: 8.047 }, // Osnabrück
  '04011000': { lat: 53.079, lon: 8.802 }, // Bremen
  '04012000': { lat: 53.54, lon: 8.581 }, // Bremerhaven
  '05111000': { lat: 51.227, lon: 6.773 }, // Düsseldorf
  '05112000': { lat: 51.434, lon: 6.762 }, // Duisburg
  '05113000': { lat: 51.456, lon: 7.012 }, // Essen
  '05114000': { lat: 51.333, lon: 6.562 }, // Krefeld
  '05116000': { lat: 51.18, lon: 6.442 }, // Mönchengladbach
  '05117000': { lat: 51.427, lon: 6.882 }, // Mülheim an der Ruhr
  '05119000': { lat: 51.47, lon: 6.852 }, // Oberhausen
  '05124000': { lat: 51.256, lon: 7.151 }, // Wuppertal
  '05314000': { lat: 50.737, lon: 7.098 }, // Bonn
  '05315000': { lat: 50.938, lon: 6.96 }, // Köln
  '05316000': { lat: 51.031, lon: 6.984 }, // Leverkusen
  '05334002': { lat: 50.776, lon: 6.084 }, // Aachen (Städteregion Aachen)
  '05512000': { lat: 51.524, lon: 6.929 }, // Bottrop
  '05513000': { lat: 51.518, lon: 7.086 }, // Gelsenkirchen
  '05515000': { lat: 51.962, lon: 7.626 }, // Münster
  '05711000': { lat: 52.021, lon: 8.535 }, // Bielefeld
  '05911000': { lat: 51.482, lon: 7.216 }, // Bochum
  '05913000': { lat: 51.514, lon: 7.465 }, // Dortmund
  '05914000': { lat: 51.361, lon: 7.475 }, // Hagen
  '05915000': { lat: 51.681, lon: 7.816 }, // Hamm
  '05916000': { lat: 51.538, lon: 7.225 }, // Herne
  '06411000': { lat: 49.872, lon: 8.651 }, // Darmstadt
  '06412000': { lat: 50.11, lon: 8.682 }, // Frankfurt am Main
  '06413000': { lat: 50.096, lon: 8.776 }, // Offenbach am Main
  '06414000': { lat: 50.082, lon: 8.24 }, // Wiesbaden
  '06611000': { lat: 51.312, lon: 9.479 }, // Kassel
  '07111000': { lat: 50.356, lon: 7.594 }, // Koblenz
  '07211000': { lat: 49.75, lon: 6.637 }, // Trier
  '07312000': { lat: 49.444, lon: 7.769 }, // Kaiserslautern
  '07314000': { lat: 49.477, lon: 8.445 }, // Ludwigshafen am Rhein
  '07315000': { lat: 49.993, lon: 8.247 }, // Mainz
  '07319000': { lat: 49.634, lon: 8.35 }, // Worms
  '08111000': { lat: 48.776, lon: 9.183 }, // Stuttgart
  '08121000': { lat: 49.142, lon: 9.219 }, // Heilbronn
  '08212000': { lat: 49.007, lon: 8.404 }, // Karlsruhe
  '08221000': { lat: 49.399, lon: 8.672 }, // Heidelberg
  '08222000': { lat: 49.487, lon: 8.466 }, // Mannheim
  '08231000': { lat: 48.892, lon: 8.694 }, // Pforzheim
  '08311000': { lat: 47.999, lon: 7.842 }, // Freiburg im Breisgau
  '08421000': { lat: 48.398, lon: 9.991 }, // Ulm
  '09161000': { lat: 48.766, lon: 11.426 }, // Ingolstadt
  '09162000': { lat: 48.137, lon: 11.575 }, // München
  '09362000': { lat: 49.013, lon: 12.102 }, // Regensburg
  '09562000': { lat: 49.59, lon: 11.004 }, // Erlangen
  '09563000': { lat: 49.477, lon: 10.989 }, // Fürth
  '09564000': { lat: 49.452, lon: 11.077 }, // Nürnberg
  '09663000': { lat: 49.791, lon: 9.953 }, // Würzburg
  '09761000': { lat: 48.371, lon: 10.898 }, // Augsburg
  '10041100': { lat: 49.234, lon: 6.997 }, // Saarbrücken (Regionalverband Saarbrücken)
  '11000000': { lat: 52.52, lon: 13.405 }, // Berlin
  '12052000': { lat: 51.757, lon: 14.329 }, // Cottbus
  '12054000': { lat: 52.391, lon: 13.065 }, // Potsdam
  '13003000': { lat: 54.092, lon: 12.099 }, // Rostock
  '13004000': { lat: 53.635, lon: 11.401 }, // Schwerin
  '14511000': { lat: 50.833, lon: 12.921 }, // Chemnitz
  '14612000': { lat: 51.05, lon: 13.738 }, // Dresden
  '14713000': { lat: 51.34, lon: 12.375 }, // Leipzig
  '15002000': { lat: 51.483, lon: 11.97 }, // Halle (Saale)
  '15003000': { lat: 52.12, lon: 11.628 }, // Magdeburg
  '16051000': { lat: 50.978, lon: 11.029 }, // Erfurt
  '16053000': { lat: 50.927, lon: 11.586 }, // Jena
};

/** The approximate middle of each Land, by its two-digit code: the fallback for any other key. */
export const landCentroids: Readonly<Record<string, Position>> = {
  '01': { lat: 54.2, lon: 9.8 }, // Schleswig-Holstein
  '02': { lat: 53.551, lon: 9.994 }, // Hamburg
  '03': { lat: 52.8, lon: 9.3 }, // Niedersachsen
  '04': { lat: 53.079, lon: 8.802 }, // Bremen
  '05': { lat: 51.48, lon: 7.55 }, // Nordrhein-Westfalen
  '06': { lat: 50.6, lon: 9.03 }, // Hessen
  '07': { lat: 49.95, lon: 7.31 }, // Rheinland-Pfalz
  '08': { lat: 48.54, lon: 9.04 }, // Baden-Württemberg
  '09': { lat: 48.95, lon: 11.4 }, // Bayern
  '10': { lat: 49.38, lon: 6.95 }, // Saarland
  '11': { lat: 52.52, lon: 13.405 }, // Berlin
  '12': { lat: 52.45, lon: 13.4 }, // Brandenburg (its middle lies in Berlin's surroundings)
  '13': { lat: 53.77, lon: 12.57 }, // Mecklenburg-Vorpommern
  '14': { lat: 50.93, lon: 13.46 }, // Sachsen
  '15': { lat: 52.0, lon: 11.7 }, // Sachsen-Anhalt
  '16': { lat: 50.9, lon: 11.03 }, // Thüringen
};

/** The city's centroid, else its Land's middle, else undefined (no key, or a malformed one). */
export function positionOf(ags: string): Position | undefined {
  if (!isMunicipalityKey(ags)) return undefined;
  return cityCentroids[ags] ?? landCentroids[ags.slice(0, 2)];
}

/** Whether the position is a city's own (false: only the Land's middle is known). */
export const hasCityPosition = (ags: string) => ags in cityCentroids;
