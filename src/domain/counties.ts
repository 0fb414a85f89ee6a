// Kenya's 47 counties (the "markets"): 2019-census population and headquarters coordinates, plus great-circle distance.
//
// Names, codes, headquarters and population follow /work/shared/reference/counties.csv (2019 census, KNBS).
// Coordinates: approximate WGS84 positions of each headquarters town, rounded to 0.01° (about 1 km), entered from
// general gazetteer knowledge (GeoNames-style populated-place positions) and NOT checked against a source here (no
// internet on the build machines); a test checks known distances (Nairobi–Mombasa ≈ 440 km, Nairobi–Kisumu ≈ 265 km).
// They serve impossible-travel distances of hundreds of kilometres, where a few km do not matter.

export interface County {
  readonly code: number
  readonly name: string
  readonly hqTown: string
  readonly population: number
  readonly lat: number
  readonly lon: number
}

// [code, name, headquarters, population 2019, lat, lon]
const ROWS = [
  [1, 'Mombasa', 'Mombasa', 1208333, -4.04, 39.67],
  [2, 'Kwale', 'Kwale', 866820, -4.17, 39.45],
  [3, 'Kilifi', 'Kilifi', 1453787, -3.63, 39.85],
  [4, 'Tana River', 'Hola', 315943, -1.5, 40.03],
  [5, 'Lamu', 'Lamu', 143920, -2.27, 40.9],
  [6, 'Taita-Taveta', 'Mwatate', 340671, -3.5, 38.38],
  [7, 'Garissa', 'Garissa', 841353, -0.45, 39.65],
  [8, 'Wajir', 'Wajir', 781263, 1.75, 40.06],
  [9, 'Mandera', 'Mandera', 867457, 3.94, 41.86],
  [10, 'Marsabit', 'Marsabit', 459785, 2.33, 37.99],
  [11, 'Isiolo', 'Isiolo', 268002, 0.35, 37.58],
  [12, 'Meru', 'Meru', 1545714, 0.05, 37.65],
  [13, 'Tharaka-Nithi', 'Kathwana', 393177, -0.1, 37.9],
  [14, 'Embu', 'Embu', 608599, -0.54, 37.46],
  [15, 'Kitui', 'Kitui', 1136187, -1.37, 38.01],
  [16, 'Machakos', 'Machakos', 1421932, -1.52, 37.26],
  [17, 'Makueni', 'Wote', 987653, -1.78, 37.63],
  [18, 'Nyandarua', 'Ol Kalou', 638289, -0.27, 36.38],
  [19, 'Nyeri', 'Nyeri', 759164, -0.42, 36.95],
  [20, 'Kirinyaga', 'Kerugoya', 610411, -0.5, 37.28],
  [21, "Murang'a", "Murang'a", 1056640, -0.72, 37.15],
  [22, 'Kiambu', 'Kiambu', 2417735, -1.17, 36.83],
  [23, 'Turkana', 'Lodwar', 926976, 3.12, 35.6],
  [24, 'West Pokot', 'Kapenguria', 621241, 1.24, 35.11],
  [25, 'Samburu', 'Maralal', 310327, 1.1, 36.7],
  [26, 'Trans-Nzoia', 'Kitale', 990341, 1.02, 35.0],
  [27, 'Uasin Gishu', 'Eldoret', 1163186, 0.51, 35.27],
  [28, 'Elgeyo-Marakwet', 'Iten', 454480, 0.67, 35.51],
  [29, 'Nandi', 'Kapsabet', 885711, 0.2, 35.1],
  [30, 'Baringo', 'Kabarnet', 666763, 0.49, 35.74],
  [31, 'Laikipia', 'Rumuruti', 518560, 0.27, 36.54],
  [32, 'Nakuru', 'Nakuru', 2162202, -0.3, 36.07],
  [33, 'Narok', 'Narok', 1157873, -1.08, 35.87],
  [34, 'Kajiado', 'Kajiado', 1117840, -1.85, 36.78],
  [35, 'Kericho', 'Kericho', 901777, -0.37, 35.29],
  [36, 'Bomet', 'Bomet', 875689, -0.78, 35.34],
  [37, 'Kakamega', 'Kakamega', 1867579, 0.28, 34.75],
  [38, 'Vihiga', 'Mbale', 590013, 0.08, 34.72],
  [39, 'Bungoma', 'Bungoma', 1670570, 0.56, 34.56],
  [40, 'Busia', 'Busia', 893681, 0.46, 34.11],
  [41, 'Siaya', 'Siaya', 993183, 0.06, 34.29],
  [42, 'Kisumu', 'Kisumu', 1155574, -0.09, 34.77],
  [43, 'Homa Bay', 'Homa Bay', 1131950, -0.53, 34.46],
  [44, 'Migori', 'Migori', 1116436, -1.06, 34.47],
  [45, 'Kisii', 'Kisii', 1266860, -0.68, 34.77],
  [46, 'Nyamira', 'Nyamira', 605576, -0.57, 34.93],
  [47, 'Nairobi', 'Nairobi', 4397073, -1.29, 36.82]
] as const

export type CountyName = (typeof ROWS)[number][1]

export const COUNTIES: readonly County[] = Object.freeze(
  ROWS.map(([code, name, hqTown, population, lat, lon]) => Object.freeze({ code, name, hqTown, population, lat, lon }))
)

/** County names as a non-empty tuple, in census code order, for z.enum and JSON Schema. */
export const COUNTY_NAMES = ROWS.map((row) => row[1]) as [CountyName, ...CountyName[]]

export const KENYA_POPULATION_2019 = COUNTIES.reduce((sum, c) => sum + c.population, 0)

const BY_NAME = new Map<string, County>(COUNTIES.map((c) => [c.name, c]))

export function isCountyName(name: string): name is CountyName {
  return BY_NAME.has(name)
}

export function countyByName(name: string): County | undefined {
  return BY_NAME.get(name)
}

const EARTH_RADIUS_KM = 6371.0088

/** Great-circle (haversine) distance between two counties' headquarters in km. */
export function distanceKm(a: County, b: County): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}
