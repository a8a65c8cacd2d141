using Marketplace.Data.Entities;
using static Marketplace.MigrationWorker.Demo.DemoPhotoSubject;

namespace Marketplace.MigrationWorker.Demo;

/// <summary>
/// What the demo marketplace holds: its sellers, the subcategories under the ten base categories, twenty items in each
/// base category, and the sentences sellers write. Written by hand so that every page reads like a real marketplace,
/// long words and free items included.
/// </summary>
public static class DemoCatalog
{
    /// <summary>Every demo account's address is under this domain (reserved for testing, RFC 2606); seed-demo touches no other account.</summary>
    public const string EmailDomain = "demo.marketplace.test";

    public static IReadOnlyList<DemoSeller> Sellers { get; } =
    [
        Seller("amelie.laurent", "Amélie Laurent"),
        Seller("jonas.becker", "Jonas Becker"),
        Seller("priya.raman", "Priya Raman"),
        Seller("kwame.mensah", "Kwame Mensah"),
        Seller("sofia.ortega", "Sofía Ortega"),
        Seller("mateusz.kowalczyk", "Mateusz Kowalczyk"),
        Seller("hannah.oconnell", "Hannah O'Connell"),
        Seller("yuki.tanaka", "Yuki Tanaka"),
        Seller("lars.eriksson", "Lars Eriksson"),
        Seller("fatima.elidrissi", "Fatima Zahra El Idrissi"),
        Seller("giulia.romano", "Giulia Romano"),
        Seller("oliver.brown", "Oliver Brown"),
        Seller("mai.nguyen", "Nguyễn Thị Mai"),
        Seller("ahmed.hassan", "Ahmed Hassan"),
        Seller("emma.virtanen", "Emma Virtanen"),
        Seller("maximiliane.wolfeschlegelsteinhausenbergerdorff", "Maximiliane Wolfeschlegelsteinhausenbergerdorff"),
        Seller("chen.wei", "Chen Wei"),
        Seller("isabel.costa", "Isabel Costa"),
        Seller("tomas.novak", "Tomáš Novák"),
        Seller("ingrid.johansen", "Ingrid Johansen"),
    ];

    public static IReadOnlyList<DemoSubcategory> Subcategories { get; } =
    [
        new(ListingCategory.Electronics, "Phones & tablets", "phones-and-tablets", "Smartphones, tablets and e-readers.",
            ["Battery health is still above 85 %.", "Always kept in a case with a screen protector, so the screen has no scratches.", "Reset to factory settings and ready for its next owner."],
            [Item("Smartphone 6.1\", 128 GB, unlocked, midnight blue", 240, Phone), Item("10.9\" tablet, 64 GB, Wi-Fi, with keyboard cover", 210, Phone),
             Item("Fairphone with a spare battery, 256 GB", 290, Phone), Item("E-reader with front light, waterproof", 65, Phone),
             Item("Compact Android phone, 64 GB, a good first phone", 70, Phone)]),
        new(ListingCategory.Electronics, "Computers", "computers", "Laptops, desktops, monitors and what goes with them.",
            ["Freshly installed operating system, no passwords left on it.", "The charger is included, and the original box if you want it.", "The keyboard is backlit and every key works."],
            [Item("14\" laptop, 8-core CPU, 16 GB RAM, 512 GB SSD", 520, Laptop), Item("13\" ultrabook that lasts a working day on one charge", 380, Laptop),
             Item("Gaming laptop 15.6\", 144 Hz screen", 780, Laptop), Item("Chromebook 11\" for school, 4 GB RAM", 90, Laptop),
             Item("Bundle: 14\" laptop, docking station, two 24\" monitors, wireless keyboard and mouse, laptop stand, webcam and every cable you need – the complete home-office setup from my last job", 890, Laptop)]),
        new(ListingCategory.Electronics, "Audio", "audio", "Headphones, speakers and hi-fi.",
            ["The ear cushions were replaced last month.", "Comes with its carry case and both cables.", "Sound is perfect; I simply use my other pair."],
            [Item("Noise-cancelling over-ear headphones, foldable, with case", 130, Headphones), Item("Wireless earbuds, barely used, all tip sizes", 45, Headphones),
             Item("Studio monitor headphones, closed back, 3 m cable", 75, Headphones), Item("Gaming headset with detachable microphone", 35, Headphones),
             Item("DJ headphones with swivel cups", 60, Headphones)]),
        new(ListingCategory.Electronics, "Cameras", "cameras", "Cameras, lenses and accessories.",
            ["The sensor was cleaned by a shop in spring.", "Two batteries, the charger and a 64 GB card are included.", "Lens is free of fungus and haze."],
            [Item("Mirrorless camera with 15–45 mm kit lens, 24 MP", 420, Camera), Item("Digital SLR body, 18 000 shutter count", 310, Camera),
             Item("Compact travel camera with 30× optical zoom", 120, Camera), Item("Vintage 35 mm film camera, fully mechanical, tested with a roll", 85, Camera),
             Item("Instant camera with 20 shots of film", 55, Camera)]),

        new(ListingCategory.Furniture, "Chairs & armchairs", "chairs-and-armchairs", "Dining chairs, office chairs and armchairs.",
            ["Sturdy, no wobble, all joints glued tight.", "Seat height 46 cm.", "From a smoke-free and pet-free home."],
            [Item("Oak dining chairs, set of four", 160, Chair), Item("Mid-century armchair, re-upholstered in mustard wool", 340, Chair),
             Item("Ergonomic office chair with adjustable lumbar support", 150, Chair), Item("Folding teak garden chairs, pair", 60, Chair),
             Item("Bar stool, 75 cm seat height, black metal", 25, Chair)]),
        new(ListingCategory.Furniture, "Tables & desks", "tables-and-desks", "Dining tables, coffee tables and desks.",
            ["The top was oiled again this year.", "Comes apart for transport; the screws are in a bag taped underneath.", "A few rings on the top, which a sanding would take off."],
            [Item("Extendable dining table, seats six to eight", 280, Table), Item("Electric standing desk, 140 × 70 cm", 260, Table),
             Item("Round coffee table in solid walnut", 120, Table), Item("Writing desk with two drawers, painted white", 75, Table),
             Item("Bedside tables with soft-close drawers, pair", 50, Table)]),
        new(ListingCategory.Furniture, "Sofas", "sofas", "Sofas, sofa beds and footstools.",
            ["The covers come off and go in the washing machine at 30 °C.", "No stains, no tears, no sagging cushions.", "It needs two people and a van."],
            [Item("Three-seater sofa, grey fabric, removable covers", 350, Sofa), Item("Corner sofa bed with storage, sleeps two", 420, Sofa),
             Item("Two-seater velvet sofa, bottle green", 390, Sofa), Item("Leather Chesterfield sofa, forty years old and still perfect", 650, Sofa),
             Item("Children's foam sofa that unfolds into a mattress", 35, Sofa)]),
        new(ListingCategory.Furniture, "Lighting", "lighting", "Floor, desk and ceiling lamps.",
            ["Takes a standard E27 bulb; an LED bulb is included.", "Rewired by an electrician.", "The switch is on the cable."],
            [Item("Floor lamp with linen shade, 160 cm", 45, Lamp), Item("Adjustable brass reading lamp", 38, Lamp),
             Item("Set of three pendant lights, smoked glass", 90, Lamp), Item("Paper lantern ceiling shade, 60 cm, unused", 12, Lamp),
             Item("Bedside lamp with dimmer, warm white", 18, Lamp)]),

        new(ListingCategory.Clothing, "Women's clothing", "womens-clothing", "Coats, dresses, jumpers and more.",
            ["Washed and ironed, ready to wear.", "Fits true to size.", "Worn only a handful of times."],
            [Item("Wool winter coat, size 38, camel", 85, Shirt), Item("Linen summer dress, size M, never worn", 30, Shirt),
             Item("Denim jacket, size S, lightly faded", 25, Shirt), Item("Cashmere jumper, size L, navy", 55, Shirt),
             Item("Rain jacket with hood that packs into its own pocket, size 40", 35, Shirt)]),
        new(ListingCategory.Clothing, "Men's clothing", "mens-clothing", "Jackets, shirts, suits and more.",
            ["No holes, no stains, no bobbling.", "Too small for me since the holidays.", "Bought for a wedding and worn once."],
            [Item("Merino base layer for hiking, size M", 28, Shirt), Item("Tailored suit, 50 regular, charcoal grey", 120, Shirt),
             Item("Flannel shirts, three, size L", 24, Shirt), Item("Down jacket, size XL, warm to −15 °C", 70, Shirt),
             Item("Band T-shirts from 90s tours, five of them", 60, Shirt)]),
        new(ListingCategory.Clothing, "Shoes", "shoes", "Trainers, boots and shoes for every age.",
            ["The soles have plenty of grip left.", "Cleaned and with new laces.", "Comes in the original box."],
            [Item("Running shoes, size 42, about 80 km on them", 45, Shoe), Item("Leather Chelsea boots, size 39", 65, Shoe),
             Item("Waterproof hiking boots, size 44", 70, Shoe), Item("Children's trainers that light up, size 31", 15, Shoe),
             Item("White canvas sneakers, size 40, washed", 18, Shoe)]),
        new(ListingCategory.Clothing, "Bags & accessories", "bags-and-accessories", "Bags, hats, scarves and belts.",
            ["The lining is clean and all zips run smoothly.", "Real leather, recently treated with wax.", "A present I never used."],
            [Item("Leather handbag with shoulder strap, cognac", 75, Bag), Item("Vintage Donaudampfschifffahrtsgesellschaftskapitänsmütze, size 58", 40, Cap),
             Item("Baseball caps, a bundle of four", 16, Cap), Item("Laptop messenger bag, waxed canvas", 45, Bag),
             Item("Weekend duffel bag, 40 litres", 38, Bag)]),

        new(ListingCategory.Vehicles, "Bicycles", "bicycles", "City, road, mountain, electric and children's bikes.",
            ["Serviced last month: new chain, brake pads and cables.", "The tyres hold their air and the gears shift cleanly.", "Lights and a lock are included."],
            [Item("City bike, 7 gears, 54 cm frame, with basket", 220, Bicycle), Item("Road bike with carbon fork, 56 cm", 680, Bicycle),
             Item("Children's bike, 20\" wheels, for ages 6 to 9", 75, Bicycle), Item("Electric bike, 500 Wh battery, 2 800 km", 1450, Bicycle),
             Item("Folding bike that fits under a desk", 260, Bicycle), Item("Cargo bike for two children, with rain cover", 1900, Bicycle),
             Item("Hardtail mountain bike, 29\" wheels", 430, Bicycle)]),
        new(ListingCategory.Vehicles, "Cars", "cars", "Cars and vans.",
            ["Full service history, the last service 4 000 km ago.", "Two keys, both working.", "Test drives welcome with a driving licence."],
            [Item("Compact hatchback, 2014, 118 000 km, fresh inspection", 5900, Car), Item("Family estate, 2017, diesel, tow bar", 11500, Car),
             Item("Small city car, 2011, first owner", 3200, Car), Item("Electric hatchback, 2019, 40 kWh, heat pump", 14900, Car),
             Item("Classic two-door coupé from 1972, restored", 18500, Car), Item("Camper van, 2008, sleeps two, solar panel", 21000, Car)]),
        new(ListingCategory.Vehicles, "Parts & accessories", "vehicle-parts-and-accessories", "Tyres, wheels, racks and everything else for a vehicle.",
            ["Tread depth 6 mm.", "Fits most hatchbacks and estates; ask me for a model.", "Stored dry in a garage."],
            [Item("Winter tyres on steel rims, 205/55 R16, set of four", 240, Wheel), Item("Alloy wheels, 17\", five spokes", 320, Wheel),
             Item("Roof box, 420 litres, with both keys", 180, Box), Item("Bike trailer for two children", 150, Wheel),
             Item("Spare wheel and jack, 15\"", 45, Wheel), Item("Waterproof bicycle panniers, pair", 40, Backpack),
             Item("Child car seat with ISOFIX, ages 1 to 12", 60, Box)]),

        new(ListingCategory.HomeAndGarden, "Kitchen", "kitchen", "Cookware, small appliances and tableware.",
            ["Works on gas, electric and induction.", "Descaled and cleaned inside and out.", "Dishwasher safe."],
            [Item("Enamel kettle for gas and induction hobs", 22, Kettle), Item("Cast-iron casserole, 24 cm, cherry red", 90, Kettle),
             Item("Espresso machine with milk frother", 140, Kettle), Item("Stand mixer with dough hook and whisk", 160, Kettle),
             Item("Dinner service for six, white porcelain", 45, Vase)]),
        new(ListingCategory.HomeAndGarden, "Garden", "garden", "Plants, pots and what a garden needs.",
            ["Healthy and growing; it simply got too big for my flat.", "Watered once a week, in bright light, no direct sun.", "Collect only; it does not travel by post."],
            [Item("Monstera deliciosa, 1.2 m, in ceramic pot", 55, Plant), Item("Olive tree in a terracotta pot, about ten years old", 120, Plant),
             Item("Strawberry plants, a tray of twelve", 10, Plant), Item("Self-propelled petrol lawnmower, 46 cm cut", 170, Box),
             Item("Raised bed kit in larch wood, 2 × 1 m", 80, Box)]),
        new(ListingCategory.HomeAndGarden, "Tools & DIY", "tools-and-diy", "Power tools, hand tools and ladders.",
            ["Both batteries hold their charge.", "Used for one renovation, then stored.", "Comes in its case with the manual."],
            [Item("Cordless drill with two batteries and a case", 75, Toolbox), Item("Toolbox full of hand tools, mostly unused", 60, Toolbox),
             Item("Mitre saw, 210 mm blade", 95, Toolbox), Item("Three-section aluminium ladder, 3.9 m", 85, Toolbox),
             Item("Tile cutter, 60 cm", 30, Toolbox)]),
        new(ListingCategory.HomeAndGarden, "Decoration", "decoration", "Vases, mirrors, pots and textiles.",
            ["Handmade, so each piece is a little different.", "No chips or cracks.", "Packed in paper, ready to go."],
            [Item("Handmade stoneware vase, speckled glaze", 35, Vase), Item("Round wall mirror, 80 cm, brass frame", 110, Painting),
             Item("Set of three glass vases", 25, Vase), Item("Houseplant pots, a collection of eight", 28, Plant),
             Item("Linen curtains, two panels, 140 × 260 cm", 45, Shirt)]),

        new(ListingCategory.Sports, "Fitness", "fitness", "Weights, benches and machines.",
            ["Used at home, never outdoors.", "No rust; the grips are like new.", "Too heavy to post; collect from the ground floor."],
            [Item("Adjustable dumbbells, 2–24 kg, pair", 190, Dumbbell), Item("Cast-iron kettlebell, 16 kg", 30, Dumbbell),
             Item("Weight plates, four of 10 kg", 60, Dumbbell), Item("Foldable weight bench, incline and decline", 80, Dumbbell),
             Item("Rowing machine with water resistance", 450, Dumbbell)]),
        new(ListingCategory.Sports, "Ball & racket sports", "ball-and-racket-sports", "Balls, rackets, goals and nets.",
            ["Pumped up and holding air.", "Restrung last month.", "Used for one season at a club."],
            [Item("Football, size 5, match quality", 20, Ball), Item("Basketball for indoors and outdoors, size 7", 18, Ball),
             Item("Soft-touch volleyball", 15, Ball), Item("Foldable football goal, 3 × 2 m", 65, Ball),
             Item("Tennis racket, 300 g, restrung", 70, Racket), Item("Badminton set: four rackets, a net and shuttles", 30, Racket),
             Item("Squash racket with cover, barely used", 40, Racket)]),
        new(ListingCategory.Sports, "Outdoor & camping", "outdoor-and-camping", "Backpacks, tents, sleeping bags and stoves.",
            ["Dried and aired after every trip.", "Every zip and buckle works.", "Light enough for long walks."],
            [Item("Hiking backpack, 50 litres, adjustable back", 65, Backpack), Item("Two-person tent, 2.1 kg, pitched twice", 120, Backpack),
             Item("Down sleeping bag, comfortable to 0 °C", 90, Backpack), Item("Camping stove with two gas canisters", 25, Kettle),
             Item("Carbon trekking poles, pair", 35, Backpack)]),
        new(ListingCategory.Sports, "Winter sports", "winter-sports", "Boots, skates, helmets and the rest of the winter gear.",
            ["Waxed and stored for the summer.", "Inner liners washed.", "My children grew out of them."],
            [Item("Ski boots, mondo 27.5", 80, Shoe), Item("Snowboard helmet, size M", 30, Cap), Item("Ice skates, size 38, sharpened", 35, Shoe)]),

        new(ListingCategory.BooksAndMedia, "Books", "books", "Novels, textbooks, children's books and cookbooks.",
            ["No notes or highlighting inside.", "From a smoke-free home; the spines are uncracked.", "Happy to post them as a parcel."],
            [Item("Fantasy series, all seven volumes in hardback", 55, Books), Item("Cookbooks, a box of twelve", 30, Books),
             Item("University textbooks on linear algebra and analysis", 40, Books), Item("Children's picture books, twenty of them", 25, Books),
             Item("First edition novel from 1965 with its dust jacket", 120, Books), Item("Travel guides for Southeast Asia, 2023 editions", 15, Books),
             Item("Graphic novels, a stack of nine", 45, Books)]),
        new(ListingCategory.BooksAndMedia, "Music", "music", "Records, CDs, tapes and what plays them.",
            ["Every record was cleaned and plays without skipping.", "Sleeves in good shape, a little shelf wear.", "Play-tested before listing."],
            [Item("Jazz records from the 1950s and 60s, 30 LPs", 240, Record), Item("Classical CD collection, about 150 discs", 60, Record),
             Item("Turntable with built-in preamp", 140, Record), Item("Soul and funk 7\" singles, a crate of 80", 160, Record),
             Item("Film soundtrack on coloured vinyl, still sealed", 35, Record), Item("Cassette tapes and a working portable player", 50, Record)]),
        new(ListingCategory.BooksAndMedia, "Video games & films", "video-games-and-films", "Consoles, games, controllers and films.",
            ["All games come in their cases.", "Factory reset and signed out of every account.", "Both controllers hold their charge."],
            [Item("Games console with two controllers and six games", 260, Controller), Item("Handheld console, 64 GB, with carry case", 190, Controller),
             Item("Wireless controller, white, new thumbsticks", 40, Controller), Item("Retro console from 1990 with eight cartridges", 150, Controller),
             Item("Racing wheel and pedals", 120, Controller), Item("VR headset with two controllers", 210, Controller),
             Item("Film collection on Blu-ray, 45 titles", 50, Books)]),

        new(ListingCategory.Toys, "Building toys", "building-toys", "Bricks, blocks, marble runs and trains.",
            ["Complete; I counted every piece.", "Washed in warm soapy water.", "Hours of play left in them."],
            [Item("Building bricks, 4 kg mixed, sorted by colour", 60, Blocks), Item("Wooden building blocks, 100 pieces, in a tin", 25, Blocks),
             Item("Magnetic tiles, 60 pieces", 35, Blocks), Item("Marble run, 150 pieces", 30, Blocks),
             Item("Wooden train set with tracks and a bridge", 45, ToyCar), Item("Castle set, complete with instructions", 70, Blocks),
             Item("Construction kit with motor and gears", 40, Blocks)]),
        new(ListingCategory.Toys, "Soft toys", "soft-toys", "Teddy bears, plush toys and puppets.",
            ["Washed at 40 °C and dried in the sun.", "From a pet-free home.", "Loved, but gently."],
            [Item("Handmade teddy bear, 40 cm", 25, Teddy), Item("Giant plush bear, 1 m tall", 30, Teddy),
             Item("Collection of soft toys, all washed", 15, Teddy), Item("Jointed mohair bear from the 1950s", 140, Teddy),
             Item("Hand puppets, a family of five", 20, Teddy), Item("Soft toy that plays a lullaby", 12, Teddy)]),
        new(ListingCategory.Toys, "Outdoor toys & vehicles", "outdoor-toys-and-vehicles", "Ride-ons, scooters, model cars and play kitchens.",
            ["Kept indoors over the winter.", "Batteries included.", "Suits ages 3 and up."],
            [Item("Remote-control car, 1:10, with two batteries", 65, ToyCar), Item("Wooden balance bike for ages 2 to 4", 35, Bicycle),
             Item("Scooter with light-up wheels", 25, ToyCar), Item("Ride-on tractor with trailer", 55, ToyCar),
             Item("Die-cast model cars, 24 in a display case", 80, ToyCar), Item("Wooden play kitchen with pans", 60, Kettle),
             Item("Paddling pool, 2 m, with pump", 20, Ball)]),

        new(ListingCategory.Collectibles, "Coins & stamps", "coins-and-stamps", "Coins, medals and stamp collections.",
            ["Kept in capsules since they were bought.", "Certificates included.", "Ask me for more close-ups of either side."],
            [Item("Silver coins from the 1960s, set of twelve", 180, Coins), Item("Euro coin sets in mint condition, 2002", 45, Coins),
             Item("Stamp album with 800 stamps from around the world", 90, Books), Item("Gold sovereign, 1911", 520, Coins),
             Item("Commemorative 2-euro coins, 35 different", 95, Coins)]),
        new(ListingCategory.Collectibles, "Art", "art", "Paintings, prints and photographs.",
            ["Signed on the back by the artist.", "Framed behind glass, ready to hang.", "Bought at a gallery opening in 2015."],
            [Item("Oil painting of a coastal landscape, 60 × 40 cm", 250, Painting), Item("Signed screen print, numbered 12/50", 180, Painting),
             Item("Watercolour of mountains in an oak frame", 120, Painting), Item("Abstract acrylic on canvas, 100 × 100 cm", 300, Painting),
             Item("Set of four framed botanical prints", 60, Painting)]),
        new(ListingCategory.Collectibles, "Antiques", "antiques", "Furniture, clocks, ceramics and curiosities with a past.",
            ["From my grandmother's house.", "Small signs of age, as you would expect.", "Appraised last year; the letter is included."],
            [Item("Hand-painted art deco vase", 140, Vase), Item("19th-century mantel clock, running", 260, Watch),
             Item("Porcelain tea set for six from the 1930s", 110, Kettle), Item("Brass ship's lantern", 85, Lamp),
             Item("Victorian writing box with its key", 170, Box)]),
        new(ListingCategory.Collectibles, "Watches", "watches", "Wristwatches and pocket watches.",
            ["Serviced two years ago and keeps good time.", "Box and papers included.", "The strap is new; the original comes along."],
            [Item("Automatic watch, 38 mm, sapphire glass", 340, Watch), Item("Silver pocket watch from the 1920s, working", 220, Watch),
             Item("Diver's watch, 200 m, steel bracelet", 260, Watch), Item("Chronograph with leather strap", 450, Watch),
             Item("Smartwatch, 44 mm, with two straps", 90, Watch)]),

        new(ListingCategory.Other, "Musical instruments", "musical-instruments", "Guitars, strings, keys and amplifiers.",
            ["New strings fitted.", "Set up by a luthier last year.", "Comes with a gig bag."],
            [Item("Acoustic guitar with gig bag and tuner", 140, Guitar), Item("Classical guitar, 3/4 size, for a child", 60, Guitar),
             Item("Electric guitar and 20 W amplifier", 260, Guitar), Item("Concert ukulele in mahogany", 45, Guitar),
             Item("Violin 4/4 with bow and case", 220, Guitar), Item("Digital piano, 88 weighted keys, with stand", 380, Box),
             Item("Short-scale bass guitar", 230, Guitar)]),
        new(ListingCategory.Other, "Moving & storage", "moving-and-storage", "Suitcases, trunks, boxes and crates.",
            ["All wheels turn and the handle locks.", "Clean inside.", "Stackable."],
            [Item("Moving boxes, thirty of them, used once", 0, Box), Item("Hard-shell suitcase, 75 cm, four wheels", 55, Suitcase),
             Item("Cabin suitcase that fits every airline's limit", 40, Suitcase), Item("Storage crates with lids, set of six", 20, Box),
             Item("Bubble wrap and packing paper, a big bag", 0, Box), Item("Vintage travel trunk", 95, Suitcase)]),
        new(ListingCategory.Other, "Free to collect", "free-to-collect", "Things their owners give away to whoever collects them.",
            ["First come, first served.", "Collect from the front door; ring first.", "Please only message if you can collect this week."],
            [Item("Garden soil, about ten bags", 0, Box), Item("Baby clothes from newborn to 6 months, a big box", 0, Box),
             Item("Old office chair: works, but squeaks", 0, Chair), Item("Jam jars, about forty, clean", 0, Vase),
             Item("Dry firewood, a car boot full", 0, Box), Item("Sofa, free to whoever collects it", 0, Sofa),
             Item("Piano books and sheet music, a pile", 0, Books)]),
    ];

    /// <summary>How a description may begin; {0} is the title as part of a sentence.</summary>
    public static IReadOnlyList<string> Openings { get; } =
    [
        "Selling my {0}.",
        "For sale: {0}.",
        "{0}.",
        "Clearing out the flat, so my {0} has to go.",
        "Up for grabs: {0}.",
    ];

    public static IReadOnlyList<string> Conditions { get; } =
    [
        "Like new.",
        "In very good condition, with a few small marks from normal use that do not show in the photos.",
        "Used, but well looked after.",
        "Well loved, and priced to match.",
        "Hardly used: it spent most of its life in a cupboard.",
    ];

    public static IReadOnlyList<string> Reasons { get; } =
    [
        "Moving abroad in March, so it all has to go.",
        "We bought a bigger one.",
        "A present that turned out to be a duplicate.",
        "No longer needed now that the children have grown up.",
        "Making room in a small flat.",
    ];

    public static IReadOnlyList<string> Collection { get; } =
    [
        "Pick-up in the city centre, evenings or weekends.",
        "I can post it at the buyer's cost, or you collect it near the station.",
        "Collection only, please bring help to carry it.",
        "Happy to meet halfway within 20 km.",
        "Message me with any question; I answer within a day.",
    ];

    /// <summary>Longer paragraphs, for the few sellers who write a lot.</summary>
    public static IReadOnlyList<string> Stories { get; } =
    [
        "A little history: I bought it new eight years ago and it has moved house with me three times. It was always " +
        "kept indoors, away from radiators and sunlight, and it was looked after the way you would look after something " +
        "you intend to keep forever. Life had other plans, and it deserves someone who will use it every day.",
        "Why the price: I looked at what the same thing sells for second hand and went a little below, because I would " +
        "rather it went quickly to a good home than sat in the hallway for another month. The price is firm for the " +
        "first week; after that, make me an offer.",
        "Good to know: the measurements in the title are the outside dimensions. Please measure your doorways and " +
        "stairs before you come, as I cannot take it back once it has left. If you want a video call to see it before " +
        "you travel, just ask and we can arrange one in the evening.",
    ];

    /// <summary>A manual's address, long and without a break, as sellers paste them: the pages must wrap it.</summary>
    public const string LongLink =
        "https://support.example.com/downloads/manuals/product-documentation-and-spare-parts-catalogue-for-owners-second-edition-2019-final-version-with-corrections.pdf";

    private static DemoSeller Seller(string localPart, string displayName) => new($"{localPart}@{EmailDomain}", displayName);

    private static DemoItem Item(string title, decimal price, DemoPhotoSubject subject) => new(title, price, subject);
}
