// What the scenario pages say, per language: articles and ads per topic,
// products per shop topic, widget headings and topic-free brand ads. Written
// as people write them, not from the engine's word lists.

/** @typedef {{ title: string, text: string }} Article */
/** @typedef {{ text: string, url: string }} Creative */
/** @typedef {{ name: string, brand: string, text: string, slug: string, price: string }} Product */
/** @typedef {{ article: Article, ads: Creative[], products?: Product[] }} TopicContent */
/**
 * @typedef {{ lang: string, brandAds: Creative[], topics: Record<string, TopicContent>,
 *   headings: Record<'forYou' | 'recent' | 'alsoViewed' | 'together' | 'trending' | 'sponsored' | 'aroundWeb' | 'search', string> }} LanguagePack
 */

/** @type {Record<string, LanguagePack>} */
export const CONTENT = {
  en: {
    lang: 'en',
    headings: {
      forYou: 'Recommended for you',
      recent: 'Recently viewed',
      alsoViewed: 'Customers who viewed this item also viewed',
      together: 'Frequently bought together',
      trending: 'Trending now',
      sponsored: 'Sponsored',
      aroundWeb: 'Around the web',
      search: 'Search results for',
    },
    brandAds: [
      { text: 'Fizzy Cola. Taste the summer, every day.', url: 'https://fizzycola.example/summer' },
      { text: 'Bright Energy: switch today, it takes five minutes.', url: 'https://brightenergy.example/switch' },
      { text: 'Clearview Windows & Doors — a quote in 24 hours.', url: 'https://clearview.example/quote' },
    ],
    topics: {
      running: {
        article: {
          title: 'How to train for your first half marathon',
          text: 'Twelve weeks is enough to go from 5k runs to a half marathon. Run three times a week, keep most runs easy, and add one long run on Sundays. Good running shoes and a rest day after every hard session keep injuries away.',
        },
        ads: [
          { text: 'Stride Pro running shoes — cushioned for long runs. Free returns.', url: 'https://stridegear.example/running-shoes' },
          { text: 'Marathon training plans by coaches, from 5k to ultra trail.', url: 'https://runcoach.example/plans' },
        ],
        products: [
          { name: 'Trail Runner X', brand: 'Peak', text: 'Lightweight trail running shoe with a grippy outsole for muddy runs.', slug: 'trail-runner-x', price: '129.00' },
          { name: 'Tempo Racer 2', brand: 'Peak', text: 'Fast running shoe for tempo runs and race day.', slug: 'tempo-racer-2', price: '149.00' },
          { name: 'Road Glide Socks', brand: 'Peak', text: 'Blister-free running socks for long runs.', slug: 'road-glide-socks', price: '15.00' },
        ],
      },
      travel: {
        article: {
          title: 'Ten island holidays for the winter sun',
          text: 'From the Canaries to Madeira, these islands promise beach days in January. Direct flights take under five hours, and small family hotels keep prices down. Book early for the best deals on resorts.',
        },
        ads: [
          { text: 'Winter sun holidays: flights + hotel from £299. Book now.', url: 'https://sunnytrips.example/winter-holidays' },
          { text: 'Cruise the Caribbean islands — 7 nights, all inclusive.', url: 'https://bluecruise.example/caribbean' },
        ],
      },
      tech: {
        article: {
          title: 'The best laptops for students this year',
          text: 'A good student laptop needs a battery that lasts a full day, a sharp screen and at least 16 GB of memory. We tested twelve models, from budget Chromebooks to the latest ultrabooks with new processors.',
        },
        ads: [
          { text: 'NovaBook 14 laptop: all-day battery, 16 GB RAM. Now £699.', url: 'https://novatech.example/laptops/novabook-14' },
          { text: 'Noise-cancelling headphones — 40 hours of music on one charge.', url: 'https://soundwave.example/headphones' },
        ],
        products: [
          { name: 'NovaBook 14', brand: 'Nova', text: 'Thin and light laptop with an all-day battery and a 14-inch screen.', slug: 'novabook-14', price: '699.00' },
          { name: 'Pixelion Phone 9', brand: 'Pixelion', text: 'Smartphone with a great camera and a bright screen.', slug: 'pixelion-phone-9', price: '549.00' },
          { name: 'Quiet Buds', brand: 'Nova', text: 'Wireless earbuds with noise cancelling.', slug: 'quiet-buds', price: '99.00' },
        ],
      },
      food: {
        article: {
          title: 'Five weeknight pasta recipes ready in 20 minutes',
          text: 'Cooking after work does not have to be hard. These pasta recipes need one pan and a handful of ingredients: a lemon and garlic spaghetti, a creamy mushroom penne and a quick tomato sauce the whole family will love for dinner.',
        },
        ads: [
          { text: 'Fresh recipe boxes delivered weekly — cook dinner in 20 minutes.', url: 'https://homechef.example/recipe-boxes' },
          { text: 'Single-origin coffee beans, roasted this week.', url: 'https://roastery.example/coffee' },
        ],
      },
      home: {
        article: {
          title: 'Small living room ideas that make space feel bigger',
          text: 'Pick a sofa with slim arms, hang curtains high and wide, and use a large rug to pull the furniture together. Mirrors and a few plants bring light and life to a small interior.',
        },
        ads: [
          { text: 'Modular sofas in 40 fabrics — free delivery this month.', url: 'https://cosyhome.example/sofas' },
          { text: 'Garden furniture sale: up to 30% off tables and loungers.', url: 'https://gardenly.example/garden-furniture' },
        ],
        products: [
          { name: 'Oslo 3-Seat Sofa', brand: 'Nordhem', text: 'Three-seat sofa with slim arms in washable fabric for your living room.', slug: 'oslo-sofa', price: '899.00' },
          { name: 'Linen Curtain Pair', brand: 'Nordhem', text: 'Natural linen curtains for a calm interior.', slug: 'linen-curtains', price: '79.00' },
          { name: 'Woven Jute Rug', brand: 'Nordhem', text: 'Large jute rug for living rooms and bedrooms.', slug: 'jute-rug', price: '159.00' },
        ],
      },
      finance: {
        article: {
          title: 'Interest rates are falling: what it means for your savings',
          text: 'As the central bank cuts rates, easy-access savings accounts pay less. Fixed-rate bonds and a stocks and shares ISA may beat inflation, while mortgage holders could see cheaper loans next year.',
        },
        ads: [
          { text: 'Open a savings account paying 4.1% — no fees, FSCS protected.', url: 'https://greenbank.example/savings' },
          { text: 'Invest from £1 in ETFs and stocks with zero commission.', url: 'https://investly.example/start' },
        ],
      },
      pets: {
        article: {
          title: 'How to help a rescue dog settle in',
          text: 'The first weeks with a rescue dog are about routine. Feed at the same times, walk the same routes and give your dog a quiet corner. Ask your vet about diet, and be patient with the puppy energy.',
        },
        ads: [
          { text: 'Grain-free dog food, delivered monthly. First bag half price.', url: 'https://happypaws.example/dog-food' },
          { text: 'Pet insurance for cats and dogs from £5 a month.', url: 'https://petcover.example/quote' },
        ],
      },
      politics: {
        article: {
          title: 'Parliament votes on the new budget after a long debate',
          text: 'Members of parliament approved the government budget by a narrow margin. The minister said the election promises on schools and hospitals would be kept, while opposition parties called the vote rushed.',
        },
        ads: [
          { text: 'Read the full election coverage with a Daily Herald subscription.', url: 'https://dailyherald.example/subscribe' },
          { text: 'VoteWatch: see how your member of parliament voted on the budget.', url: 'https://votewatch.example/parliament' },
        ],
      },
    },
  },

  pl: {
    lang: 'pl',
    headings: {
      forYou: 'Polecane dla Ciebie',
      recent: 'Ostatnio oglądane',
      alsoViewed: 'Klienci, którzy oglądali ten produkt, oglądali również',
      together: 'Często kupowane razem',
      trending: 'Popularne',
      sponsored: 'Sponsorowane',
      aroundWeb: 'Polecamy w sieci',
      search: 'Wyniki wyszukiwania dla',
    },
    brandAds: [
      { text: 'Napój Bąbel — smak lata każdego dnia.', url: 'https://babel-napoje.example/lato' },
      { text: 'Jasna Energia: zmień sprzedawcę prądu w pięć minut.', url: 'https://jasnaenergia.example/zmiana' },
      { text: 'Okna Widok — wycena w 24 godziny.', url: 'https://oknawidok.example/wycena' },
    ],
    topics: {
      running: {
        article: {
          title: 'Jak przygotować się do pierwszego półmaratonu',
          text: 'Dwanaście tygodni wystarczy, by z biegów na 5 km przejść do półmaratonu. Biegaj trzy razy w tygodniu, większość treningów w spokojnym tempie, a w niedzielę długie wybieganie. Dobre buty do biegania i dzień odpoczynku chronią przed kontuzją.',
        },
        ads: [
          { text: 'Buty biegowe Krok Pro — amortyzacja na długie biegi. Darmowy zwrot.', url: 'https://krokpro.example/buty-biegowe' },
          { text: 'Plany treningowe do maratonu od trenerów biegania.', url: 'https://trenerbiegania.example/plany' },
        ],
        products: [
          { name: 'Biegacz Górski X', brand: 'Szczyt', text: 'Lekkie buty do biegania w terenie z przyczepną podeszwą.', slug: 'biegacz-gorski-x', price: '499.00' },
          { name: 'Tempo Sprint 2', brand: 'Szczyt', text: 'Szybkie buty biegowe na treningi tempowe i zawody.', slug: 'tempo-sprint-2', price: '559.00' },
          { name: 'Skarpety Maraton', brand: 'Szczyt', text: 'Skarpety do biegania bez otarć na długie biegi.', slug: 'skarpety-maraton', price: '49.00' },
        ],
      },
      travel: {
        article: {
          title: 'Dziesięć wysp na zimowe wakacje w słońcu',
          text: 'Od Wysp Kanaryjskich po Maderę — te wyspy obiecują plażę w styczniu. Bezpośrednie loty trwają poniżej pięciu godzin, a małe rodzinne hotele utrzymują niskie ceny. Rezerwuj wcześnie, by złapać najlepsze oferty wycieczek.',
        },
        ads: [
          { text: 'Zimowe wakacje w słońcu: lot + hotel od 1999 zł.', url: 'https://slonecznepodroze.example/wakacje-zima' },
          { text: 'Rejs po Karaibach — 7 nocy, all inclusive.', url: 'https://niebieskirejs.example/karaiby' },
        ],
      },
      tech: {
        article: {
          title: 'Najlepsze laptopy dla studentów w tym roku',
          text: 'Dobry laptop dla studenta potrzebuje baterii na cały dzień, ostrego ekranu i co najmniej 16 GB pamięci. Przetestowaliśmy dwanaście modeli, od tanich komputerów po najnowsze ultrabooki z nowymi procesorami.',
        },
        ads: [
          { text: 'Laptop NovaBook 14: bateria na cały dzień, 16 GB RAM. Teraz 2999 zł.', url: 'https://novatech.example/pl/laptopy/novabook-14' },
          { text: 'Słuchawki z redukcją szumów — 40 godzin muzyki na jednym ładowaniu.', url: 'https://dzwiek.example/sluchawki' },
        ],
        products: [
          { name: 'NovaBook 14', brand: 'Nova', text: 'Cienki i lekki laptop z baterią na cały dzień.', slug: 'novabook-14', price: '2999.00' },
          { name: 'Smartfon Pixelion 9', brand: 'Pixelion', text: 'Smartfon ze świetnym aparatem i jasnym ekranem.', slug: 'pixelion-9', price: '2199.00' },
          { name: 'Słuchawki Cisza', brand: 'Nova', text: 'Bezprzewodowe słuchawki douszne z redukcją szumów.', slug: 'sluchawki-cisza', price: '399.00' },
        ],
      },
      food: {
        article: {
          title: 'Pięć przepisów na makaron w 20 minut',
          text: 'Gotowanie po pracy nie musi być trudne. Te przepisy wymagają jednej patelni: spaghetti z cytryną i czosnkiem, kremowe penne z grzybami i szybki sos pomidorowy, który cała rodzina pokocha na obiad.',
        },
        ads: [
          { text: 'Świeże zestawy z przepisami co tydzień — obiad w 20 minut.', url: 'https://kucharzdomowy.example/zestawy' },
          { text: 'Kawa ziarnista z jednej plantacji, palona w tym tygodniu.', url: 'https://palarnia.example/kawa' },
        ],
      },
      home: {
        article: {
          title: 'Mały salon? Pomysły, które powiększą wnętrze',
          text: 'Wybierz sofę z wąskimi podłokietnikami, powieś zasłony wysoko i szeroko, a duży dywan połączy meble. Lustra i kilka roślin dodadzą światła małemu wnętrzu.',
        },
        ads: [
          { text: 'Sofy modułowe w 40 tkaninach — darmowa dostawa w tym miesiącu.', url: 'https://przytulnydom.example/sofy' },
          { text: 'Wyprzedaż mebli ogrodowych: do 30% taniej.', url: 'https://ogrodek.example/meble-ogrodowe' },
        ],
        products: [
          { name: 'Sofa Oslo 3-osobowa', brand: 'Nordhem', text: 'Trzyosobowa sofa z wąskimi podłokietnikami do salonu.', slug: 'sofa-oslo', price: '3499.00' },
          { name: 'Zasłony lniane', brand: 'Nordhem', text: 'Naturalne lniane zasłony do spokojnego wnętrza.', slug: 'zaslony-lniane', price: '299.00' },
          { name: 'Dywan z juty', brand: 'Nordhem', text: 'Duży dywan z juty do salonu i sypialni.', slug: 'dywan-juta', price: '599.00' },
        ],
      },
      finance: {
        article: {
          title: 'Stopy procentowe spadają: co to oznacza dla Twoich oszczędności',
          text: 'Bank centralny obniża stopy, więc konta oszczędnościowe płacą mniej. Obligacje i inwestycje w akcje mogą pokonać inflację, a kredytobiorcy zapłacą niższe raty kredytu hipotecznego.',
        },
        ads: [
          { text: 'Konto oszczędnościowe 5,1% — bez opłat.', url: 'https://zielonybank.example/oszczednosci' },
          { text: 'Inwestuj od 10 zł w ETF-y i akcje bez prowizji.', url: 'https://inwestuj.example/start' },
        ],
      },
      pets: {
        article: {
          title: 'Jak pomóc psu ze schroniska w nowym domu',
          text: 'Pierwsze tygodnie z psem ze schroniska to rutyna. Karm o stałych porach, chodź na spacery tymi samymi trasami i daj psu cichy kąt. Zapytaj weterynarza o dietę i bądź cierpliwy.',
        },
        ads: [
          { text: 'Karma dla psów bez zbóż z dostawą co miesiąc.', url: 'https://szczesliwelapy.example/karma' },
          { text: 'Ubezpieczenie dla psa i kota od 15 zł miesięcznie.', url: 'https://ubezpieczpupila.example/oferta' },
        ],
      },
      politics: {
        article: {
          title: 'Sejm głosuje nad nowym budżetem po długiej debacie',
          text: 'Posłowie przyjęli budżet rządu niewielką większością. Minister zapewnił, że obietnice wyborcze dotyczące szkół i szpitali zostaną dotrzymane, a opozycja nazwała głosowanie pośpiesznym.',
        },
        ads: [
          { text: 'Czytaj relacje z wyborów w prenumeracie Gazety Porannej.', url: 'https://gazetaporanna.example/prenumerata' },
          { text: 'Sejmometr: sprawdź, jak Twój poseł głosował nad budżetem.', url: 'https://sejmometr.example/glosowania' },
        ],
      },
    },
  },

  zh: {
    lang: 'zh-CN',
    headings: {
      forYou: '猜你喜欢',
      recent: '最近浏览',
      alsoViewed: '看了又看',
      together: '相关推荐',
      trending: '热销',
      sponsored: '广告',
      aroundWeb: '精彩推荐',
      search: '搜索结果：',
    },
    brandAds: [
      { text: '清爽汽水，每天都是夏天的味道。', url: 'https://qingshuang.example/xiatian' },
      { text: '光明能源：五分钟完成用电切换。', url: 'https://guangming-nengyuan.example/qiehuan' },
      { text: '明窗门窗，24小时内报价。', url: 'https://mingchuang.example/baojia' },
    ],
    topics: {
      running: {
        article: {
          title: '如何为你的第一个半程马拉松做准备',
          text: '十二周足以让你从五公里跑步进阶到半程马拉松。每周跑三次，大部分训练保持轻松配速，周日安排一次长距离慢跑。一双好的跑鞋和训练后的休息日能帮助你远离伤病。',
        },
        ads: [
          { text: '步锋Pro跑鞋，长距离跑步的缓震之选，包邮退换。', url: 'https://bufeng.example/paoxie' },
          { text: '专业教练制定马拉松训练计划，从五公里到越野跑。', url: 'https://paobujiaolian.example/jihua' },
        ],
        products: [
          { name: '越野跑者X', brand: '巅峰', text: '轻量越野跑鞋，抓地力强，适合泥泞山路跑步。', slug: 'yueye-paozhe-x', price: '899.00' },
          { name: '竞速跑鞋2代', brand: '巅峰', text: '适合节奏跑和比赛日的竞速跑鞋。', slug: 'jingsu-2', price: '999.00' },
          { name: '马拉松防磨袜', brand: '巅峰', text: '长距离跑步专用防磨袜。', slug: 'malasong-wa', price: '59.00' },
        ],
      },
      travel: {
        article: {
          title: '冬季阳光海岛度假推荐',
          text: '从加那利群岛到马德拉，这些海岛一月也能享受海滩。直飞航班不到五小时，小型家庭酒店价格实惠。提前预订，抢购最优惠的度假套餐和机票。',
        },
        ads: [
          { text: '冬季海岛度假：机票+酒店低至2999元。', url: 'https://yangguang-lvxing.example/dujia' },
          { text: '加勒比海邮轮7晚全包，立即预订旅游套餐。', url: 'https://lanse-youlun.example/jialebi' },
        ],
      },
      tech: {
        article: {
          title: '今年最适合学生的笔记本电脑',
          text: '一台好的学生笔记本电脑需要全天续航、清晰的屏幕和至少16GB内存。我们测试了十二款机型，从入门电脑到搭载新处理器的轻薄本。',
        },
        ads: [
          { text: '诺瓦14笔记本电脑：全天续航，16GB内存，现价4999元。', url: 'https://novatech.example/cn/diannao/novabook-14' },
          { text: '降噪耳机，一次充电畅听40小时音乐。', url: 'https://shengbo.example/erji' },
        ],
        products: [
          { name: '诺瓦14笔记本', brand: '诺瓦', text: '轻薄笔记本电脑，全天续航，14英寸屏幕。', slug: 'novabook-14', price: '4999.00' },
          { name: '像素9智能手机', brand: '像素', text: '拍照出色、屏幕明亮的智能手机。', slug: 'xiangsu-9', price: '3999.00' },
          { name: '静音耳机', brand: '诺瓦', text: '无线降噪耳机。', slug: 'jingyin-erji', price: '699.00' },
        ],
      },
      food: {
        article: {
          title: '五款20分钟就能做好的意面食谱',
          text: '下班后做饭并不难。这些食谱只需要一口锅：柠檬蒜香意面、奶油蘑菇笔管面和快手番茄酱，全家人都会爱上这顿晚餐。',
        },
        ads: [
          { text: '新鲜食材配菜包每周送达，20分钟做好晚餐。', url: 'https://jiachu.example/caibao' },
          { text: '单一产地咖啡豆，本周新鲜烘焙。', url: 'https://hongbei.example/kafei' },
        ],
      },
      home: {
        article: {
          title: '小客厅也能显大的家居布置技巧',
          text: '选择窄扶手的沙发，把窗帘挂高挂宽，用一块大地毯把家具统一起来。镜子和几盆绿植能为小空间的家居带来光线和生机。',
        },
        ads: [
          { text: '模块沙发40种面料可选，本月免费送货。', url: 'https://shushijia.example/shafa' },
          { text: '花园家具大促：桌椅躺椅低至七折。', url: 'https://huayuan.example/jiaju' },
        ],
        products: [
          { name: '奥斯陆三人沙发', brand: '北居', text: '窄扶手三人沙发，可水洗面料，适合客厅。', slug: 'aosilu-shafa', price: '3999.00' },
          { name: '亚麻窗帘', brand: '北居', text: '天然亚麻窗帘，打造安静的家居氛围。', slug: 'yama-chuanglian', price: '399.00' },
          { name: '黄麻编织地毯', brand: '北居', text: '适合客厅和卧室的大尺寸地毯。', slug: 'huangma-ditan', price: '699.00' },
        ],
      },
      finance: {
        article: {
          title: '利率下调：你的存款该怎么办',
          text: '随着央行降息，活期存款收益下降。定期存款、基金和股票投资或许能跑赢通胀，而房贷利率明年也可能更低。',
        },
        ads: [
          { text: '绿色银行理财产品，年化收益4.1%，无手续费。', url: 'https://lvse-yinhang.example/licai' },
          { text: '一元起投基金和股票，零佣金。', url: 'https://touzi.example/kaishi' },
        ],
      },
      pets: {
        article: {
          title: '如何帮助领养的狗狗适应新家',
          text: '领养狗狗的头几周最重要的是规律。固定时间喂食，走同样的路线散步，给狗狗一个安静的角落。向兽医咨询狗粮和饮食。',
        },
        ads: [
          { text: '无谷狗粮每月配送，首袋半价。', url: 'https://kuaile-zhuazi.example/gouliang' },
          { text: '猫咪狗狗宠物保险，每月低至15元。', url: 'https://chongwu-baoxian.example/baojia' },
        ],
      },
      politics: {
        article: {
          title: '议会经过长时间辩论后对新预算进行投票',
          text: '议员们以微弱多数通过了政府预算。部长表示，关于学校和医院的选举承诺将会兑现，反对党则批评投票过于仓促。',
        },
        ads: [
          { text: '订阅晨报，阅读完整的选举报道。', url: 'https://chenbao.example/dingyue' },
          { text: '议会投票追踪：看看议员如何就预算投票。', url: 'https://toupiao.example/yihui' },
        ],
      },
    },
  },
};
