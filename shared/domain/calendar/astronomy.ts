/**
 * The two astronomical events a lunisolar calendar is built from: new moons (a month begins on the day of one) and the
 * Sun's apparent longitude (its multiples of 30° are the major solar terms, trung khí, that place months in the year).
 * Formulas from J. Meeus, Astronomical Algorithms (2nd ed.): ch. 49 for the phases of the Moon, ch. 25 for the Sun,
 * with the polynomial ΔT of Espenak and Meeus. New moons come out within a minute or so and the Sun within about 0.01°
 * (a quarter of an hour of its motion) over 1900–2100; a calendar day is only in doubt when an event falls that close
 * to midnight.
 */

/** Julian Date of 1970-01-01T00:00 UT: joins Julian Dates to the day numbers of shared/domain/dates. */
const JD_OF_DAY_ZERO = 2440587.5;
/** Mean length of a lunation, in days. */
export const SYNODIC_MONTH = 29.530588861;
/** JDE of the mean new moon of 2000-01-06, lunation k = 0 in Meeus's numbering. */
const NEW_MOON_EPOCH = 2451550.09766;

const sinDeg = (degrees: number) => Math.sin((degrees * Math.PI) / 180);

/**
 * Terrestrial minus Universal Time, in seconds, for a decimal year. The Earth's rotation slows irregularly, so the
 * dynamical time the formulas give must be brought back to clock time; the polynomials fit the observed values.
 */
function deltaTSeconds(year: number): number {
  if (year < 1900) {
    const t = year - 1860;
    return 7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174;
  }
  if (year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (year - 1820) / 100;
  return year < 2150 ? -20 + 32 * u ** 2 - 0.5628 * (2150 - year) : -20 + 32 * u ** 2;
}

function deltaTDays(jd: number): number {
  return deltaTSeconds(2000 + (jd - 2451545) / 365.25) / 86400;
}

/** Periodic terms of the true new moon: [coefficient, power of E, multiples of M, M′, F, Ω]. */
const NEW_MOON_TERMS: readonly (readonly [number, number, number, number, number, number])[] = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
];

/** The planetary arguments A1…A14 of the new moon: [constant, rate per lunation, coefficient]; A1 also has a T² term. */
const PLANETARY_TERMS: readonly (readonly [number, number, number])[] = [
  [299.77, 0.107408, 0.000325],
  [251.88, 0.016321, 0.000165],
  [251.83, 26.651886, 0.000164],
  [349.42, 36.412478, 0.000126],
  [84.66, 18.206239, 0.00011],
  [141.74, 53.303771, 0.000062],
  [207.14, 2.453732, 0.00006],
  [154.84, 7.30686, 0.000056],
  [34.52, 27.261239, 0.000047],
  [207.19, 0.121824, 0.000042],
  [291.34, 1.844379, 0.00004],
  [161.72, 24.198154, 0.000037],
  [239.56, 25.513099, 0.000035],
  [331.55, 3.592518, 0.000023],
];

/** Julian Date (Universal Time) of new moon number k, counted from that of 2000-01-06. */
export function newMoonJd(k: number): number {
  const t = k / 1236.85;
  const meanJde = NEW_MOON_EPOCH + SYNODIC_MONTH * k + 0.00015437 * t ** 2 - 0.00000015 * t ** 3 + 0.00000000073 * t ** 4;
  // The Earth's orbit slowly grows rounder; terms that depend on the Sun's anomaly shrink with it.
  const e = 1 - 0.002516 * t - 0.0000074 * t ** 2;
  const sunAnomaly = 2.5534 + 29.1053567 * k - 0.0000014 * t ** 2 - 0.00000011 * t ** 3;
  const moonAnomaly = 201.5643 + 385.81693528 * k + 0.0107582 * t ** 2 + 0.00001238 * t ** 3 - 0.000000058 * t ** 4;
  const latitudeArgument = 160.7108 + 390.67050284 * k - 0.0016118 * t ** 2 - 0.00000227 * t ** 3 + 0.000000011 * t ** 4;
  const node = 124.7746 - 1.56375588 * k + 0.0020672 * t ** 2 + 0.00000215 * t ** 3;
  let correction = 0;
  for (const [coefficient, ePower, m, mPrime, f, omega] of NEW_MOON_TERMS) {
    correction += coefficient * e ** ePower * sinDeg(m * sunAnomaly + mPrime * moonAnomaly + f * latitudeArgument + omega * node);
  }
  PLANETARY_TERMS.forEach(([constant, rate, coefficient], i) => {
    const argument = constant + rate * k - (i === 0 ? 0.009173 * t ** 2 : 0);
    correction += coefficient * sinDeg(argument);
  });
  const jde = meanJde + correction;
  return jde - deltaTDays(jde);
}

/** The Sun's apparent geometric longitude in degrees [0, 360) at a Julian Date (Universal Time). */
export function sunLongitude(jd: number): number {
  const t = (jd + deltaTDays(jd) - 2451545) / 36525;
  const meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t ** 2;
  const meanAnomaly = 357.52911 + 35999.05029 * t - 0.0001537 * t ** 2;
  const center =
    (1.914602 - 0.004817 * t - 0.000014 * t ** 2) * sinDeg(meanAnomaly) +
    (0.019993 - 0.000101 * t) * sinDeg(2 * meanAnomaly) +
    0.000289 * sinDeg(3 * meanAnomaly);
  // Nutation and aberration, to the apparent position the solar terms are defined by.
  const node = 125.04 - 1934.136 * t;
  const apparent = meanLongitude + center - 0.00569 - 0.00478 * sinDeg(node);
  return ((apparent % 360) + 360) % 360;
}

/** The Julian Date of local midnight at the start of a day number, in a zone `offsetDays` east of Greenwich. */
export function jdAtStartOfDay(day: number, offsetDays: number): number {
  return day + JD_OF_DAY_ZERO - offsetDays;
}

/** The local day number an instant (Julian Date, UT) falls on, in a zone `offsetDays` east of Greenwich. */
export function dayOfJd(jd: number, offsetDays: number): number {
  return Math.floor(jd - JD_OF_DAY_ZERO + offsetDays);
}

/** The lunation number k whose mean new moon is nearest before a Julian Date: a first guess, off by one at most. */
export function lunationNear(jd: number): number {
  return Math.floor((jd - NEW_MOON_EPOCH) / SYNODIC_MONTH);
}
