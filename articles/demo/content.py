"""Demo content: the reference article of the magazine and the stories around it.

The reference article and the "Nổi bật" / "Đừng bỏ lỡ" titles and excerpts are
those of the magazine's page (shared/seed/article.txt), the reference kept word
for word. Every other text was written for this demo: stories of Hà Nội's life,
culture and history, as the magazine would run them. Bodies are HTML, one
paragraph per <p> (line breaks inside are spaces).
"""

SECTIONS = [
    # (name, slug, description)
    ("Hà Nội", "ha-noi", "Tin tức, sự kiện và đời sống chính trị, xã hội của Thủ đô."),
    ("Thời sự", "thoi-su", "Những vấn đề thời sự trong nước được bạn đọc Thủ đô quan tâm."),
    ("Văn hóa", "van-hoa", "Di sản, nghệ thuật và đời sống văn hóa Hà Nội."),
    ("Văn học", "van-hoc", "Truyện ngắn, tản văn và thơ trên Tạp chí Người Hà Nội."),
    ("Du lịch", "du-lich", "Điểm đến, hành trình và ngành du lịch Thủ đô, cả nước."),
]

AUTHORS = [
    # (name, slug, title, bio)
    ("Huyền Anh", "huyen-anh", "Phóng viên",
     "Phóng viên mảng chính quyền đô thị và cải cách hành chính của Tạp chí Người Hà Nội."),
    ("Minh Châu", "minh-chau", "Phóng viên", "Phóng viên mảng văn hóa, di sản."),
    ("Thu Hà", "thu-ha", "Biên tập viên", "Biên tập viên ban Văn học."),
    ("Hoàng Lâm", "hoang-lam", "Cộng tác viên", "Cộng tác viên mảng du lịch."),
]

REFERENCE = {
    "title": (
        "Chỉ số cải cách hành chính của quận Đống Đa dẫn đầu khối UBND quận, huyện, "
        "thị xã trên địa bàn Thành phố năm 2023"
    ),
    "section": "ha-noi",
    "authors": ["huyen-anh"],
    "published_at": "2024-04-04 15:43",
    "sapo": (
        "Ngày 4/4, Ban Chấp hành Đảng bộ quận Đống Đa khóa XXVIII, nhiệm kỳ 2020 - 2025 tổ chức "
        "Hội nghị lần thứ 21; xem xét, đánh giá tình hình kinh tế - xã hội trên địa bàn quận 3 tháng "
        "đầu năm; Dự thảo Đề án sắp xếp đơn vị hành chính cấp phường quận Đống Đa giai đoạn "
        "2023 – 2025…"
    ),
    "body_file": "reference_body.html",
    "images": {
        # file name in the body -> (palette, scene)
        "quang-canh-hoi-nghi.jpg": ("hall", "Quang cảnh Hội nghị."),
        "bi-thu-phat-bieu.jpg": ("podium", "Bí thư Quận uỷ Đống Đa Đinh Trường Thọ phát biểu tại Hội nghị."),
    },
    "cover": "quang-canh-hoi-nghi.jpg",
    "cover_caption": "Quang cảnh Hội nghị.",
    "cover_alt": "Quang cảnh Hội nghị Ban Chấp hành Đảng bộ quận Đống Đa lần thứ 21",
    "tags": ["Đống Đa", "Cải cách hành chính", "Quận ủy Đống Đa"],
}

# The "Nổi bật" stories of the reference page, in its order, with its excerpts as sapos.
# The page gives only those excerpts; the bodies were written for this demo.
# "picture": (scene, palette) of the cover drawn by articles/demo/images.py.
HIGHLIGHTS = [
    {
        "title": (
            "Đồng chí Phạm Văn Đồng - Nhà lãnh đạo kiệt xuất, người học trò gần gũi "
            "của Chủ tịch Hồ Chí Minh"
        ),
        "section": "thoi-su",
        "authors": ["thu-ha"],
        "published_at": "2026-03-01 08:00",
        "sapo": (
            "Kỷ niệm 120 năm Ngày sinh đồng chí Phạm Văn Đồng (01/3/1906 - 01/3/2026) là dịp để "
            "toàn Đảng, toàn dân và toàn quân ta thành kính tưởng nhớ, tri ân sâu sắc những công lao, "
            "cống hiến to lớn của một nhà lãnh đạo xuất sắc của Đảng, Nhà nước và cách mạng Việt Nam; "
            "người cộng sản kiên trung, mẫu mực, trọn đời tận hiến cho độc lập dân tộc, hạnh phúc của "
            "Nhân dân và sự phát triển bền vững của đất nước."
        ),
        "body": """
<p>Đồng chí Phạm Văn Đồng sinh ngày 1/3/1906 tại xã Đức Tân, huyện Mộ Đức, tỉnh Quảng Ngãi, trong
một gia đình nhà nho yêu nước. Từ tuổi thanh niên, ông sớm tìm đến con đường cách mạng, tham gia Hội
Việt Nam Cách mạng Thanh niên và theo học lớp huấn luyện chính trị do lãnh tụ Nguyễn Ái Quốc trực tiếp
giảng dạy ở Quảng Châu.</p>
<p>Năm 1929, ông bị thực dân Pháp bắt, kết án mười năm tù và đày ra Côn Đảo. Những năm tháng lao tù
không làm nhụt ý chí của người chiến sĩ trẻ; trái lại, nhà tù trở thành trường học, nơi ông cùng các
đồng chí rèn luyện bản lĩnh, học tập lý luận và giữ vững niềm tin vào thắng lợi của cách mạng.</p>
<h2>Người học trò gần gũi của Bác Hồ</h2>
<p>Gần gũi Chủ tịch Hồ Chí Minh trong nhiều chặng đường, ông thấm nhuần phong cách làm việc sâu sát,
giản dị, lấy lợi ích của Nhân dân làm trên hết. Tại Hội nghị Giơ-ne-vơ năm 1954, ông là Trưởng đoàn
đại biểu Chính phủ Việt Nam Dân chủ Cộng hòa, kiên trì bảo vệ lợi ích dân tộc trên bàn đàm phán.</p>
<p>Trên cương vị Thủ tướng Chính phủ hơn ba mươi năm, từ 1955 đến 1987, ông cùng Trung ương Đảng lãnh
đạo công cuộc xây dựng miền Bắc, chi viện cho tiền tuyến, rồi hàn gắn vết thương chiến tranh và bước
đầu đổi mới sau ngày đất nước thống nhất.</p>
<h2>Tấm gương cho hôm nay</h2>
<p>Ông đặc biệt quan tâm đến giáo dục và văn hóa. Bài viết "Giữ gìn sự trong sáng của tiếng Việt" của ông
đến nay vẫn được các thế hệ thầy cô, học trò nhắc đến như một lời dặn về tình yêu tiếng mẹ đẻ.</p>
<p>Nhân dịp kỷ niệm, nhiều cơ quan, trường học ở Hà Nội tổ chức tọa đàm, trưng bày tư liệu và ảnh về
cuộc đời, sự nghiệp của ông. Với người Hà Nội hôm nay, đó là dịp nhìn lại một nhân cách lớn: tận tụy,
thanh bạch và trọn đời vì dân, vì nước.</p>
""",
        "tags": ["Phạm Văn Đồng", "Kỷ niệm"],
        "picture": ("fields", "dawn"),
    },
    {
        "title": "Hà Nội đẩy mạnh tuyên truyền thực hiện Nghị quyết số 80-NQ/TW về phát triển văn hóa Việt Nam",
        "section": "van-hoa",
        "authors": ["minh-chau"],
        "published_at": "2026-02-18 09:30",
        "sapo": (
            "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội vừa ban hành Hướng dẫn số 23-HD/BTGDVTU ngày "
            "16/02/2026 về tuyên truyền thực hiện Nghị quyết số 80-NQ/TW của Bộ Chính trị. Hướng dẫn "
            "xác định rõ mục đích, yêu cầu, nội dung, hình thức và tổ chức thực hiện, nhằm tạo sự thống "
            "nhất cao trong toàn Đảng bộ và đồng thuận trong Nhân dân, đưa Nghị quyết sớm đi vào cuộc "
            "sống, góp phần xây dựng và phát triển văn hóa Việt Nam tiên tiến, đậm đà bản sắc dân tộc."
        ),
        "body": """
<p>Theo Hướng dẫn, việc tuyên truyền phải làm cho cán bộ, đảng viên và Nhân dân hiểu rõ vị trí của văn
hóa là nền tảng tinh thần của xã hội, vừa là mục tiêu vừa là động lực của sự phát triển. Với Hà Nội,
một thành phố nghìn năm văn hiến, yêu cầu ấy gắn trực tiếp với việc xây dựng người Hà Nội thanh lịch,
văn minh.</p>
<h2>Đưa Nghị quyết đến từng khu dân cư</h2>
<p>Các cơ quan báo chí của Thành phố mở chuyên trang, chuyên mục; hệ thống loa truyền thanh cơ sở, bảng
tin tổ dân phố và các trang thông tin điện tử của phường, xã được giao đưa tin thường xuyên, ngắn gọn,
dễ hiểu. Pano, áp phích cổ động sẽ xuất hiện tại các trục phố chính và nơi công cộng.</p>
<p>Đội ngũ báo cáo viên được yêu cầu gắn nội dung Nghị quyết với những việc cụ thể của địa phương: bảo
tồn di tích, giữ gìn nếp sống văn minh nơi lễ hội, phát triển thư viện, nhà văn hóa và không gian sáng
tạo cho thanh niên.</p>
<h2>Văn hóa trong đời sống thường ngày</h2>
<p>Hướng dẫn khuyến khích nêu gương những tập thể, cá nhân làm tốt: một câu lạc bộ ca trù giữ lửa cho
nghề, một làng nghề đưa sản phẩm truyền thống vào du lịch, một khu phố giữ được sự sạch đẹp và tình
làng nghĩa xóm. Những câu chuyện gần gũi như vậy giúp Nghị quyết đi vào cuộc sống tự nhiên hơn mọi
khẩu hiệu.</p>
<p>Các cấp ủy sẽ sơ kết việc tuyên truyền theo từng quý, lắng nghe ý kiến của Nhân dân để điều chỉnh nội
dung và cách làm cho phù hợp.</p>
""",
        "tags": ["Nghị quyết 80-NQ/TW", "Văn hóa"],
        "picture": ("lanterns", "culture"),
    },
    {
        "title": "Lời hẹn mùa xuân",
        "section": "van-hoc",
        "authors": ["thu-ha"],
        "published_at": "2026-02-10 07:00",
        "sapo": (
            "Mùa đông năm nay đến sớm. Bầy chim én sửa soạn bay về phương Nam tránh rét khi hơi sương "
            "giá bắt đầu vương trên từng nhành lá. Én Nhỏ quàng lên cổ chiếc khăn cỏ mềm ấm áp, bịn rịn "
            "chia tay một mầm xanh bé xíu đang nép mình trên cành khẳng khiu. \"Hẹn gặp lại cậu khi mùa "
            "xuân đến\", Én Nhỏ vẫy vẫy đôi cánh."
        ),
        "body": """
<p>Mầm xanh khẽ rung mình trong gió bấc. Cậu chưa biết mùa xuân là gì, chỉ nghe mẹ Cây kể rằng khi ấy
nắng sẽ mềm như tơ, và những người bạn có cánh sẽ trở về. "Tớ sẽ đợi", mầm xanh thì thầm, rồi cuộn chặt
mình lại trong lớp áo nâu mỏng.</p>
<h2>Mùa đông dài</h2>
<p>Những ngày tiếp theo, mưa phùn giăng kín phố. Gió lùa qua từng cành cây trụi lá, lạnh đến nỗi chú sẻ
nâu cũng chẳng buồn hót. Có đêm sương muối phủ trắng, mầm xanh tưởng mình sẽ không chịu nổi. Nhưng mỗi
lần như thế, cậu lại nhớ đến cái vẫy cánh của Én Nhỏ và lời hẹn còn nguyên.</p>
<p>Ở phương Nam xa xôi, Én Nhỏ bay qua những cánh đồng lúa chín, những con sông đỏ nặng phù sa. Đêm nào
đậu trên dây điện cùng bầy, Én Nhỏ cũng ngước về phía Bắc, tự hỏi người bạn bé xíu có còn bám trên cành
khẳng khiu ấy không.</p>
<h2>Ngày trở về</h2>
<p>Rồi một sớm, nắng vàng nhạt rải xuống mặt hồ. Bầy én lượn vòng trên những mái ngói rêu phong, ríu rít
gọi nhau. Én Nhỏ sà xuống cành cây quen và sững lại: nơi mầm xanh nép mình năm nào giờ là một chiếc lá
non mơn mởn, bên cạnh còn hé một nụ hoa hồng phấn.</p>
<p>"Cậu vẫn ở đây!", Én Nhỏ reo lên. Chiếc lá non rung rinh trong nắng: "Tớ đã hứa mà". Và mùa xuân,
như một người bạn đến muộn, lặng lẽ ngồi xuống giữa hai đứa.</p>
""",
        "tags": ["Truyện ngắn", "Mùa xuân"],
        "picture": ("blossoms", "spring"),
    },
    {
        "title": "Du lịch cả nước đón 14 triệu lượt khách trong kỳ nghỉ Tết Nguyên đán Bính Ngọ",
        "section": "du-lich",
        "authors": ["hoang-lam"],
        "published_at": "2026-02-23 10:15",
        "sapo": (
            "Cục Du lịch Quốc gia Việt Nam cho biết, trong kỳ nghỉ Tết Nguyên đán Bính Ngọ 2026 (từ "
            "ngày 14 - 22/02/2026), ngành Du lịch cả nước ước đón và phục vụ 14 triệu lượt khách; tăng "
            "12% so với cùng kỳ năm 2025."
        ),
        "body": """
<p>Kỳ nghỉ Tết kéo dài chín ngày giúp nhiều gia đình kết hợp về quê sum họp với những chuyến du xuân
ngắn ngày. Các điểm đến biển, núi và các đô thị di sản đều đông khách; nhiều cơ sở lưu trú kín phòng
từ mùng Hai đến mùng Năm Tết.</p>
<h2>Hà Nội đông khách những ngày đầu năm</h2>
<p>Tại Thủ đô, Văn Miếu - Quốc Tử Giám, Hoàng thành Thăng Long, khu vực hồ Hoàn Kiếm và phố cổ là những
nơi thu hút đông người dân và du khách. Không khí xin chữ đầu xuân, dạo phố ông đồ và thưởng thức các
món ăn ngày Tết khiến nhiều du khách quốc tế thích thú.</p>
<p>Các lễ hội đầu năm ở ngoại thành cũng bắt đầu đón khách hành hương. Chính quyền các địa phương bố
trí lực lượng giữ trật tự, niêm yết giá dịch vụ và hướng dẫn gửi xe, hạn chế tình trạng chèo kéo.</p>
<h2>Giữ chất lượng dịch vụ mùa cao điểm</h2>
<p>Cục Du lịch Quốc gia Việt Nam đề nghị các địa phương tiếp tục kiểm tra chất lượng dịch vụ, an toàn
thực phẩm và giá cả trong mùa lễ hội. Các doanh nghiệp lữ hành được khuyến khích xây dựng sản phẩm
riêng cho mùa xuân để kéo dài thời gian lưu trú của khách.</p>
<p>Theo các chuyên gia, kết quả của kỳ nghỉ Tết là khởi đầu thuận lợi cho một năm mà ngành Du lịch đặt
mục tiêu tăng trưởng cả về lượng khách lẫn chi tiêu bình quân.</p>
""",
        "tags": ["Du lịch", "Tết Nguyên đán"],
        "picture": ("rooftops", "jade"),
    },
    {
        "title": "Danh sách chính thức 205 người ứng cử đại biểu HĐND TP Hà Nội khóa XVII",
        "section": "ha-noi",
        "authors": ["huyen-anh"],
        "published_at": "2026-02-26 16:20",
        "sapo": (
            "Ủy ban Bầu cử thành phố Hà Nội đã ban hành Quyết định số 50/QĐ-UBND công bố danh sách "
            "chính thức những người ứng cử đại biểu HĐND thành phố Hà Nội khóa XVII, nhiệm kỳ 2026-2031."
        ),
        "body": """
<p>Danh sách được lập theo từng đơn vị bầu cử, ghi rõ họ tên, ngày sinh, quê quán, nghề nghiệp, chức vụ
và nơi công tác của người ứng cử. Ủy ban Bầu cử Thành phố yêu cầu niêm yết danh sách tại các khu vực
bỏ phiếu đúng thời hạn luật định để cử tri tìm hiểu.</p>
<h2>Cử tri tìm hiểu người ứng cử</h2>
<p>Trong thời gian tới, những người ứng cử sẽ tiếp xúc cử tri tại các đơn vị bầu cử, trình bày chương
trình hành động nếu được bầu. Các hội nghị tiếp xúc do Ủy ban Mặt trận Tổ quốc Việt Nam các cấp phối
hợp tổ chức, bảo đảm dân chủ, bình đẳng và đúng pháp luật.</p>
<p>Cử tri có thể đặt câu hỏi về những vấn đề đang được quan tâm: quy hoạch và chỉnh trang đô thị, ùn
tắc giao thông, ô nhiễm không khí, chất lượng trường học, bệnh viện và việc giải quyết thủ tục hành
chính cho người dân, doanh nghiệp.</p>
<h2>Chuẩn bị cho ngày bầu cử</h2>
<p>Các tổ bầu cử đang rà soát danh sách cử tri, chuẩn bị phòng bỏ phiếu, hòm phiếu và phương án bảo
đảm an ninh, trật tự. Thành phố cũng đẩy mạnh tuyên truyền để mỗi cử tri hiểu rõ quyền và nghĩa vụ
của mình, đi bầu đầy đủ và lựa chọn những đại biểu xứng đáng.</p>
""",
        "tags": ["Bầu cử", "HĐND Thành phố"],
        "picture": ("skyline", "civic"),
    },
]

# The other stories, so that every section block, tag and author page has a few.
STORIES = [
    {
        "title": "Phố cổ Hà Nội những ngày đầu đông",
        "section": "van-hoa",
        "authors": ["minh-chau"],
        "published_at": "2026-11-20 08:30",
        "tags": ["Phố cổ", "Văn hóa"],
        "picture": ("rooftops", "winter"),
        "sapo": (
            "Gió mùa đông bắc về, những gánh hàng rong, hàng than hoa và quán trà đá vỉa hè lại làm nên "
            "một nhịp sống rất riêng của ba mươi sáu phố phường."
        ),
        "body": """
<p>Sáng đầu đông, phố Hàng Buồm còn vương mùi khói bếp. Những chiếc khăn len, áo khoác được lôi ra từ
đáy tủ; người bán xôi đầu ngõ Tạm Thương kéo thêm tấm bạt che gió. Phố cổ thức dậy chậm hơn, nhưng ấm
hơn, như thể ai cũng muốn nán lại bên một nồi nước dùng đang bốc hơi.</p>
<h2>Những mùi vị của mùa lạnh</h2>
<p>Đây là mùa của bánh đúc nóng, của ngô nướng, khoai lang nướng trên bếp than ở góc phố Hàng Bồ. Người
Hà Nội xưa bảo, phải có chút rét mới thấy hết vị ngon của bát phở, của cốc trà gừng pha vội buổi sớm.</p>
<p>Các hàng khô ở Hàng Đường, Hàng Chiếu bắt đầu bày mứt, ô mai, báo hiệu Tết không còn xa. Du khách
nước ngoài dừng lại rất lâu trước những mẹt hàng đủ màu, hỏi tên từng thứ.</p>
<h2>Giữ nếp trong nhịp sống mới</h2>
<p>Nhiều ngôi nhà ống đã thành quán cà phê, cửa hàng lưu niệm, nhưng trong những căn gác nhỏ vẫn có
những gia đình bốn thế hệ sống cùng nhau. Họ vẫn lau bàn thờ ngày rằm, vẫn chào nhau bằng những câu
thưa gửi cũ. Phố cổ giữ được hồn mình, phần lớn nhờ những con người ấy.</p>
""",
    },
    {
        "title": "Gìn giữ nghề truyền thống ở các làng ven đô",
        "section": "van-hoa",
        "authors": ["minh-chau"],
        "published_at": "2026-11-18 14:00",
        "tags": ["Làng nghề", "Văn hóa"],
        "picture": ("fields", "jade"),
        "sapo": (
            "Từ gốm Bát Tràng đến lụa Vạn Phúc, các làng nghề ven đô đang tìm cách giữ bí quyết cha ông "
            "trong khi đô thị hóa lấn dần và lớp trẻ có nhiều lựa chọn khác."
        ),
        "body": """
<p>Ở làng lụa Vạn Phúc, tiếng khung cửi không còn rộn ràng như mấy chục năm trước. Nhiều gia đình đã
chuyển sang buôn bán, chỉ còn một số hộ giữ nghề dệt. Nhưng chính những hộ ấy lại đang đón lượng khách
tham quan ngày càng đông.</p>
<h2>Khi làng nghề thành điểm đến</h2>
<p>Bát Tràng, Vạn Phúc, Chuông hay Phú Vinh đều đã có khu trưng bày, lớp trải nghiệm cho học sinh và du
khách. Một buổi nặn gốm hay tự tay đan chiếc giỏ mây giúp người trẻ hiểu công phu của nghề, và cũng là
một nguồn thu để nghệ nhân giữ xưởng.</p>
<p>Nhiều nghệ nhân cho biết, khó nhất không phải là bán hàng mà là tìm người nối nghề. Có nơi đã mở lớp
truyền nghề miễn phí cho con em trong làng, có nơi liên kết với trường nghề để cấp chứng chỉ.</p>
<h2>Bảo tồn cần đi cùng sinh kế</h2>
<p>Các nhà quản lý văn hóa cho rằng, nghề chỉ sống được khi người làm nghề sống được bằng nghề. Vì vậy,
bên cạnh việc tôn vinh nghệ nhân, cần hỗ trợ mặt bằng sản xuất, xử lý môi trường và xây dựng thương
hiệu cho sản phẩm làng nghề Hà Nội.</p>
""",
    },
    {
        "title": "Quận Đống Đa tiếp tục đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính",
        "section": "ha-noi",
        "authors": ["huyen-anh"],
        "published_at": "2026-11-24 09:00",
        "tags": ["Đống Đa", "Cải cách hành chính", "Chuyển đổi số"],
        "picture": ("skyline", "jade"),
        "sapo": (
            "Hồ sơ được tiếp nhận trực tuyến, kết quả trả tận nhà và mỗi phường có tổ công nghệ số cộng "
            "đồng: Đống Đa đặt mục tiêu để người dân làm thủ tục mà không phải đi lại nhiều lần."
        ),
        "body": """
<p>Tại bộ phận một cửa, màn hình lấy số thứ tự và bảng tra cứu tiến độ hồ sơ đã trở nên quen thuộc với
người dân. Phần lớn thủ tục về hộ tịch, chứng thực và đăng ký kinh doanh có thể nộp trực tuyến qua Cổng
dịch vụ công, cán bộ chỉ hẹn người dân đến khi cần đối chiếu bản gốc.</p>
<h2>Tổ công nghệ số cộng đồng</h2>
<p>Ở mỗi khu dân cư, các tổ công nghệ số cộng đồng gồm đoàn viên thanh niên và cán bộ tổ dân phố hướng
dẫn người cao tuổi cài đặt ứng dụng định danh điện tử, thanh toán trực tuyến và tra cứu hồ sơ. Nhiều
buổi hướng dẫn được tổ chức ngay tại nhà văn hóa vào buổi tối, khi người dân đã đi làm về.</p>
<p>Cán bộ một cửa cho biết, thời gian chờ trung bình đã giảm rõ rệt; số hồ sơ phải bổ sung giảm nhờ
biểu mẫu điện tử kiểm tra thông tin ngay khi nộp.</p>
<h2>Lấy sự hài lòng của người dân làm thước đo</h2>
<p>Sau mỗi lần giải quyết thủ tục, người dân được mời đánh giá trên máy tính bảng đặt tại quầy. Những ý
kiến chưa hài lòng được chuyển thẳng cho lãnh đạo phụ trách để trả lời trong ngày làm việc tiếp theo.</p>
""",
    },
    {
        "title": "Hồ Tây, một buổi sáng mùa thu",
        "section": "van-hoc",
        "authors": ["thu-ha"],
        "published_at": "2026-11-15 06:45",
        "tags": ["Tản văn", "Hồ Tây"],
        "picture": ("lake", "dawn"),
        "sapo": (
            "Một tản văn về khoảnh khắc mặt hồ còn phủ sương, tiếng mái chèo khua nước và những người "
            "Hà Nội dậy sớm để đón nắng thu trên đường Thanh Niên."
        ),
        "body": """
<p>Sáu giờ sáng, mặt hồ còn mờ sương. Tôi đi dọc đường Thanh Niên, nghe tiếng gió lướt qua hàng phượng
già, nghe cả tiếng mái chèo khua nước của một người đánh cá đang thu lưới. Hồ Tây mùa thu rộng hơn,
lặng hơn, như một tấm gương ai vừa lau sạch.</p>
<h2>Những người dậy sớm</h2>
<p>Có những ông cụ tập dưỡng sinh bên chùa Trấn Quốc, có đôi vợ chồng trẻ chạy bộ, có cô bán hàng đạp
chiếc xe chở đầy hoa cúc họa mi. Mỗi người một nhịp, nhưng ai cũng dừng lại khi mặt trời nhô lên sau
dãy nhà bên kia hồ, nhuộm hồng cả một vùng nước.</p>
<p>Tôi ngồi xuống chiếc ghế đá quen, gọi một cốc trà nóng. Bà cụ bán trà bảo, bà ngồi ở góc này đã hơn
hai mươi năm. Hồ thay đổi nhiều, nhà cao lên nhiều, nhưng buổi sáng mùa thu thì vẫn thế.</p>
<h2>Giữ lại một khoảng lặng</h2>
<p>Giữa một thành phố ngày càng vội, Hồ Tây là khoảng lặng mà người Hà Nội tìm về. Chỉ cần một buổi
sáng như thế, đủ để mang theo chút bình yên vào một ngày dài.</p>
""",
    },
    {
        "title": "Những cung đường ngắm hoa ven Thủ đô",
        "section": "du-lich",
        "authors": ["hoang-lam"],
        "published_at": "2026-11-22 11:00",
        "tags": ["Du lịch", "Ngoại thành"],
        "picture": ("blossoms", "travel"),
        "sapo": (
            "Cúc họa mi ở Nhật Tân, hoa cải ven sông Hồng, dã quỳ trên đường lên Ba Vì: gợi ý những "
            "hành trình ngắn cuối tuần để ngắm hoa mà không phải đi xa."
        ),
        "body": """
<p>Cuối thu, đầu đông là lúc các vườn hoa ven Thủ đô đẹp nhất. Chỉ cần một chiếc xe máy hoặc xe đạp,
người Hà Nội có thể có ngay một buổi sáng giữa hoa mà vẫn kịp về nhà ăn trưa.</p>
<h2>Bãi bồi sông Hồng</h2>
<p>Dọc bãi bồi dưới chân cầu Nhật Tân và Long Biên, các vườn cúc họa mi trắng muốt, hoa cải vàng, hoa hồng
mở cửa đón khách chụp ảnh. Nên đi vào buổi sáng sớm, khi nắng còn dịu và đường chưa đông, và nhớ hỏi
giá vé tham quan trước khi vào vườn.</p>
<p>Xa hơn một chút, con đường lên Vườn quốc gia Ba Vì vào tháng mười một vàng rực dã quỳ. Đường đèo
quanh co, nên đi chậm và tránh những ngày có sương mù dày.</p>
<h2>Ngắm hoa có trách nhiệm</h2>
<p>Các nhà vườn mong du khách không bẻ cành, không giẫm lên luống hoa và mang rác ra khỏi vườn. Một bức
ảnh đẹp không đáng giá bằng một mùa hoa bị dẫm nát, nhất là với những gia đình sống nhờ vào vườn hoa
ấy.</p>
""",
    },
    {
        "title": "Người dân góp ý dự thảo quy hoạch không gian xanh nội đô",
        "section": "thoi-su",
        "authors": ["huyen-anh"],
        "published_at": "2026-11-25 17:10",
        "tags": ["Quy hoạch", "Đô thị"],
        "picture": ("landscape", "jade"),
        "sapo": (
            "Hàng trăm ý kiến gửi về trong tuần đầu lấy ý kiến cho thấy người dân muốn thêm công viên "
            "nhỏ gần nhà, cây bóng mát trên vỉa hè và lối đi bộ ven hồ, sông."
        ),
        "body": """
<p>Dự thảo quy hoạch được trưng bày tại trụ sở các phường và đăng trên cổng thông tin của Thành phố.
Người dân có thể góp ý trực tiếp vào sổ tại nơi trưng bày, qua thư điện tử hoặc qua phiếu khảo sát trực
tuyến.</p>
<h2>Công viên trong tầm đi bộ</h2>
<p>Nhiều ý kiến cho rằng, thay vì chỉ tập trung vào vài công viên lớn, Thành phố nên tận dụng các khu
đất nhỏ, những khoảng trống sau khi di dời cơ sở sản xuất để làm vườn hoa, sân chơi trong bán kính vài
trăm mét từ nhà. Người cao tuổi và trẻ em là những người cần các không gian ấy nhất.</p>
<p>Cư dân các khu tập thể cũ đề nghị giữ lại những hàng cây lâu năm khi cải tạo chung cư, và tính
trước chỗ trồng cây khi mở rộng đường.</p>
<h2>Ven hồ, ven sông cho mọi người</h2>
<p>Một nội dung được quan tâm là mở lối đi bộ liên tục quanh các hồ và dọc sông Tô Lịch, sông Hồng. Các
chuyên gia tham gia hội thảo đánh giá đây là cơ hội để Hà Nội có thêm không gian công cộng mà không cần
giải phóng mặt bằng quá lớn.</p>
<p>Cơ quan lập quy hoạch cho biết sẽ tổng hợp, trả lời công khai các nhóm ý kiến trước khi trình phê
duyệt.</p>
""",
    },
    {
        "title": "Phường Văn Miếu - Quốc Tử Giám ra mắt mô hình tổ dân phố văn minh",
        "section": "ha-noi",
        "authors": ["huyen-anh"],
        "published_at": "2026-11-21 15:20",
        "tags": ["Đống Đa", "Đô thị"],
        "picture": ("lake", "civic"),
        "sapo": (
            "Ngõ sạch, vỉa hè thông thoáng, nhà văn hóa mở cửa buổi tối: mô hình đầu tiên được ra mắt "
            "ở một tổ dân phố gần di tích Văn Miếu, với quy ước do chính cư dân soạn."
        ),
        "body": """
<p>Lễ ra mắt diễn ra ngay trong con ngõ nhỏ, nơi các hộ dân vừa cùng nhau sơn lại tường, treo giỏ hoa
và kẻ vạch để xe gọn gàng. Bản quy ước gồm mười điều, từ giờ đổ rác, giữ trật tự sau 22 giờ đến việc
thăm hỏi nhau khi ốm đau, hoạn nạn.</p>
<h2>Quy ước do người dân tự viết</h2>
<p>Tổ trưởng tổ dân phố cho biết, bản quy ước được bàn qua ba cuộc họp. Có điều phải sửa nhiều lần, như
việc để xe trước cửa nhà, cho đến khi mọi hộ đều đồng ý. Vì tự mình viết ra nên ai cũng có ý thức giữ.</p>
<p>Nằm cạnh một di tích thu hút đông du khách, tổ dân phố còn phối hợp với các hộ kinh doanh để hướng
dẫn khách đỗ xe đúng nơi, không lấn chiếm vỉa hè.</p>
<h2>Nhân rộng từ những việc nhỏ</h2>
<p>Phường dự kiến đánh giá mô hình sau sáu tháng và nhân rộng ra các tổ dân phố khác. Theo lãnh đạo
phường, văn minh đô thị bắt đầu từ những việc rất nhỏ trong mỗi con ngõ.</p>
""",
    },
    {
        "title": "Hà Nội mở thêm ba tuyến xe buýt điện kết nối các khu đô thị phía Tây",
        "section": "ha-noi",
        "authors": ["huyen-anh"],
        "published_at": "2026-11-19 10:05",
        "tags": ["Giao thông", "Đô thị"],
        "picture": ("skyline", "dawn"),
        "sapo": (
            "Ba tuyến mới nối các khu đô thị phía Tây với ga đường sắt đô thị và trung tâm, giúp cư dân "
            "bớt phụ thuộc vào xe máy trong giờ cao điểm."
        ),
        "body": """
<p>Các tuyến xe buýt điện mới chạy từ sáng sớm đến tối muộn, với tần suất dày hơn trong giờ cao điểm.
Xe có sàn thấp, chỗ dành cho xe lăn, wifi và cổng sạc điện thoại; hành khách có thể thanh toán bằng
thẻ hoặc mã QR.</p>
<h2>Nối với đường sắt đô thị</h2>
<p>Điểm đáng chú ý là cả ba tuyến đều dừng tại các ga đường sắt đô thị, giúp hành khách chuyển tiếp
nhanh chóng. Nhiều cư dân khu đô thị cho biết, họ có thể để xe máy ở nhà, đi buýt ra ga rồi đi tàu vào
trung tâm làm việc.</p>
<p>Trong tuần đầu vận hành, lượng khách tăng dần theo từng ngày, đông nhất vào buổi sáng. Đơn vị vận
hành đang lắng nghe góp ý để điều chỉnh vị trí điểm dừng.</p>
<h2>Giảm khí thải, giảm tiếng ồn</h2>
<p>Xe buýt điện không phát thải tại chỗ và chạy êm, phù hợp với những tuyến phố đông dân cư. Thành phố
đặt mục tiêu chuyển dần đoàn xe buýt sang dùng năng lượng sạch trong những năm tới.</p>
""",
    },
    {
        "title": "Cải tạo vườn hoa, sân chơi cho trẻ em trong các khu tập thể cũ",
        "section": "ha-noi",
        "authors": ["minh-chau"],
        "published_at": "2026-11-12 08:40",
        "tags": ["Đô thị", "Không gian công cộng"],
        "picture": ("landscape", "spring"),
        "sapo": (
            "Những khoảng sân bỏ trống giữa các dãy nhà tập thể được làm lại thành sân chơi, vườn hoa "
            "nhỏ, với thiết kế có sự tham gia của chính trẻ em và cư dân."
        ),
        "body": """
<p>Ở khu tập thể Kim Liên, Thành Công hay Nghĩa Tân, nhiều khoảng sân từng là nơi để xe, phơi đồ hay
chất phế liệu. Nay, một số khoảng sân đã có cầu trượt, xích đu, bồn cây và ghế đá cho người lớn tuổi.</p>
<h2>Trẻ em cùng vẽ sân chơi</h2>
<p>Trước khi thi công, nhóm thiết kế mời các em nhỏ trong khu vẽ sân chơi mơ ước. Nhiều ý tưởng được
giữ lại: một bức tường để vẽ phấn, một góc cát, những viên gạch lát có ô nhảy lò cò. Người lớn thì góp
ý về chỗ ngồi có bóng mát và đèn chiếu sáng buổi tối.</p>
<p>Vật liệu được chọn bền, an toàn và dễ sửa chữa. Cư dân tự nhận chăm sóc bồn hoa, thay nhau quét dọn
vào cuối tuần.</p>
<h2>Không gian chung, trách nhiệm chung</h2>
<p>Theo các kiến trúc sư tham gia dự án, một sân chơi nhỏ nhưng được dùng mỗi ngày có giá trị hơn một
công trình lớn ít người lui tới. Điều quan trọng là cư dân coi đó là của mình.</p>
""",
    },
    {
        "title": "Kỳ họp thường lệ cuối năm của HĐND Thành phố sẽ xem xét nhiều nghị quyết quan trọng",
        "section": "thoi-su",
        "authors": ["huyen-anh"],
        "published_at": "2026-11-23 14:30",
        "tags": ["HĐND Thành phố"],
        "picture": ("landscape", "civic"),
        "sapo": (
            "Dự toán ngân sách năm tới, kế hoạch đầu tư công và các chính sách về giáo dục, y tế, môi "
            "trường là những nội dung chính của kỳ họp, cùng phiên chất vấn được truyền hình trực tiếp."
        ),
        "body": """
<p>Theo chương trình dự kiến, kỳ họp diễn ra trong ba ngày. Các đại biểu sẽ xem xét báo cáo tình hình
kinh tế - xã hội năm nay, nhiệm vụ năm tới, dự toán thu chi ngân sách và phương án phân bổ vốn đầu tư
công.</p>
<h2>Những nghị quyết được chờ đợi</h2>
<p>Nhiều nghị quyết liên quan trực tiếp đến đời sống người dân: hỗ trợ học phí, xây dựng trường học ở
các khu đông dân, nâng cấp bệnh viện tuyến cơ sở và xử lý ô nhiễm các dòng sông trong nội đô. Cử tri
cũng quan tâm đến các chính sách về nhà ở xã hội và giao thông công cộng.</p>
<p>Trước kỳ họp, các tổ đại biểu đã tiếp xúc cử tri tại nhiều phường, xã để tổng hợp kiến nghị gửi tới
Thường trực HĐND Thành phố.</p>
<h2>Phiên chất vấn truyền hình trực tiếp</h2>
<p>Phiên chất vấn sẽ được truyền hình, phát thanh trực tiếp để cử tri theo dõi. Thường trực HĐND đề
nghị các đại biểu đặt câu hỏi ngắn gọn, đúng trọng tâm, và người trả lời nêu rõ giải pháp, thời hạn
thực hiện.</p>
""",
    },
    {
        "title": "Đẩy nhanh giải ngân vốn đầu tư công những tháng cuối năm",
        "section": "thoi-su",
        "authors": ["huyen-anh"],
        "published_at": "2026-11-17 09:15",
        "tags": ["Đầu tư công", "Kinh tế"],
        "picture": ("bridge", "civic"),
        "sapo": (
            "Thành phố yêu cầu các chủ đầu tư lập kế hoạch giải ngân theo từng tuần, tháo gỡ vướng mắc "
            "mặt bằng và điều chuyển vốn từ dự án chậm sang dự án có khả năng hoàn thành."
        ),
        "body": """
<p>Những tháng cuối năm luôn là thời điểm nước rút của giải ngân vốn đầu tư công. Theo chỉ đạo mới, mỗi
chủ đầu tư phải báo cáo tiến độ theo tuần, nêu rõ khó khăn và đề xuất cách tháo gỡ.</p>
<h2>Mặt bằng vẫn là điểm nghẽn</h2>
<p>Ở nhiều dự án giao thông, khó khăn lớn nhất vẫn là giải phóng mặt bằng. Các phường, xã được yêu cầu
vận động người dân bàn giao đất, đồng thời bố trí tái định cư kịp thời, bảo đảm người dân có chỗ ở
bằng hoặc tốt hơn nơi ở cũ.</p>
<p>Với những dự án không thể giải ngân hết kế hoạch, Thành phố sẽ điều chuyển vốn sang các công trình
đang thi công thuận lợi, tránh để vốn nằm chờ.</p>
<h2>Trách nhiệm người đứng đầu</h2>
<p>Kết quả giải ngân được gắn với đánh giá cán bộ cuối năm. Người đứng đầu cơ quan, đơn vị để dự án chậm
kéo dài mà không có lý do chính đáng sẽ phải giải trình.</p>
""",
    },
    {
        "title": "Thủ đô chuẩn bị các điều kiện đón mùa lễ hội cuối năm an toàn",
        "section": "thoi-su",
        "authors": ["minh-chau"],
        "published_at": "2026-11-13 16:00",
        "tags": ["Lễ hội", "An ninh trật tự"],
        "picture": ("lanterns", "night"),
        "sapo": (
            "Giáng sinh, đón năm mới và chuỗi sự kiện văn hóa ở khu vực hồ Hoàn Kiếm dự kiến thu hút đông "
            "người; các lực lượng đã có phương án phân luồng, trông giữ xe và phòng cháy chữa cháy."
        ),
        "body": """
<p>Từ giữa tháng mười hai, nhiều sự kiện nghệ thuật đường phố, chợ phiên và chương trình đếm ngược đón
năm mới sẽ diễn ra ở trung tâm Thủ đô. Các cơ quan chức năng đã họp để thống nhất phương án bảo đảm an
ninh, trật tự.</p>
<h2>Phân luồng và trông giữ xe</h2>
<p>Khu vực quanh hồ Hoàn Kiếm sẽ tạm dừng cho phương tiện lưu thông vào các buổi tối cao điểm. Các điểm
trông giữ xe được bố trí ở những tuyến phố lân cận, niêm yết giá rõ ràng; người dân được khuyến khích đi
xe buýt và đường sắt đô thị.</p>
<p>Lực lượng cảnh sát giao thông, trật tự và dân phòng sẽ có mặt tại các nút giao để hướng dẫn, hỗ trợ
trẻ em đi lạc và người cao tuổi.</p>
<h2>An toàn cháy nổ và thực phẩm</h2>
<p>Các quán ăn, điểm kinh doanh tạm thời trong khu vực sự kiện được kiểm tra điều kiện phòng cháy và an
toàn thực phẩm. Ban tổ chức khuyến cáo người dân không mang theo pháo, đèn trời và giữ gìn vệ sinh
chung.</p>
""",
    },
]
STORIES += [
    {
        "title": "Triển lãm ảnh tư liệu về Hà Nội những năm đầu giải phóng Thủ đô",
        "section": "van-hoa",
        "authors": ["minh-chau"],
        "published_at": "2026-11-16 10:30",
        "tags": ["Triển lãm", "Lịch sử"],
        "picture": ("bridge", "autumn"),
        "sapo": (
            "Hơn một trăm bức ảnh đen trắng đưa người xem trở lại mùa thu năm 1954: đoàn quân về tiếp "
            "quản, những phiên chợ đầu tiên và nhịp sống mới của phố phường."
        ),
        "body": """
<p>Ngày 10/10/1954, các đơn vị bộ đội tiến vào tiếp quản Thủ đô trong vòng tay chào đón của hàng vạn
người dân. Những khoảnh khắc ấy, cùng cuộc sống của Hà Nội trong những năm sau đó, được tái hiện qua
triển lãm ảnh tư liệu đang mở cửa tự do cho công chúng.</p>
<h2>Những gương mặt của một thời</h2>
<p>Người xem dừng lâu trước bức ảnh các nữ sinh cầm cờ hoa đứng dọc phố Hàng Đào, trước hình ảnh những
công nhân đầu tiên trở lại nhà máy điện Yên Phụ. Có những bức ảnh chụp phiên chợ Đồng Xuân đông đúc,
những lớp học bình dân học vụ buổi tối dưới ánh đèn dầu.</p>
<p>Nhiều bức ảnh do các gia đình Hà Nội hiến tặng, kèm theo lời kể của người trong ảnh hoặc con cháu họ.
Những dòng chú thích viết tay ấy khiến triển lãm gần gũi như một cuốn album gia đình.</p>
<h2>Kết nối các thế hệ</h2>
<p>Ban tổ chức bố trí khu vực để học sinh ghi lại cảm nghĩ, và những buổi gặp gỡ với các nhân chứng lịch
sử vào cuối tuần. Với nhiều bạn trẻ, đây là lần đầu tiên họ nhìn thấy phố mình ở bảy mươi năm trước.</p>
""",
    },
    {
        "title": "Ca trù ở phố Hàng Bạc: giữ lửa cho một di sản",
        "section": "van-hoa",
        "authors": ["minh-chau"],
        "published_at": "2026-11-10 19:45",
        "tags": ["Ca trù", "Di sản"],
        "picture": ("lanterns", "autumn"),
        "sapo": (
            "Mỗi tối trong tuần, một ngôi nhà cổ trên phố Hàng Bạc lại vang tiếng phách, tiếng đàn đáy: "
            "câu lạc bộ ca trù ở đây đang âm thầm truyền nghề cho lớp đào nương trẻ."
        ),
        "body": """
<p>Ca trù được UNESCO ghi danh là di sản văn hóa phi vật thể cần bảo vệ khẩn cấp năm 2009. Từ đó đến
nay, nhiều câu lạc bộ ở Hà Nội đã nỗ lực phục hồi lối hát này, trong đó có nhóm nghệ nhân biểu diễn ở
một ngôi nhà cổ trên phố Hàng Bạc.</p>
<h2>Một đêm hát ca trù</h2>
<p>Không gian nhỏ, ánh đèn vàng, khán giả ngồi quây quanh chiếu hát. Đào nương gõ phách, kép đàn nắn
phím đàn đáy, quan viên điểm trống chầu khen chê. Người nghe lần đầu có thể chưa hiểu hết lời thơ,
nhưng đều cảm được sự tinh tế của từng nhịp ngân, luyến láy.</p>
<p>Khán giả phần đông là du khách nước ngoài, nhưng gần đây số người Hà Nội trẻ tìm đến ngày càng nhiều.
Nhiều người ở lại sau buổi diễn để hỏi về cách gõ phách, cách nghe tiếng trống chầu.</p>
<h2>Truyền nghề cho lớp trẻ</h2>
<p>Các nghệ nhân mở lớp dạy miễn phí cho những học trò có năng khiếu. Học ca trù mất nhiều năm, nhưng
theo họ, chỉ cần mỗi thế hệ có vài người theo đến cùng thì di sản sẽ không mất.</p>
""",
    },
    {
        "title": "Sách mới về kiến trúc biệt thự Pháp ở Hà Nội",
        "section": "van-hoa",
        "authors": ["thu-ha"],
        "published_at": "2026-11-06 09:00",
        "tags": ["Kiến trúc", "Sách"],
        "picture": ("rooftops", "spring"),
        "sapo": (
            "Cuốn sách tập hợp bản vẽ, ảnh chụp và câu chuyện của những ngôi biệt thự trên các phố Phan "
            "Đình Phùng, Trần Hưng Đạo, Điện Biên Phủ, cùng lời cảnh báo về những công trình đang xuống cấp."
        ),
        "body": """
<p>Những ngôi biệt thự xây dựng từ đầu thế kỷ XX là một phần không thể thiếu của diện mạo Hà Nội. Cuốn
sách mới của nhóm kiến trúc sư trẻ đưa người đọc đi qua từng con phố, từng mái ngói, ô cửa, hàng lan can
sắt uốn hoa.</p>
<h2>Từ bản vẽ đến ký ức</h2>
<p>Ngoài bản vẽ mặt đứng và mặt bằng được đo đạc lại, sách còn ghi lời kể của những gia đình đã sống
trong các ngôi nhà ấy qua nhiều thế hệ. Có căn biệt thự từng là nhà của một bác sĩ, sau thành trụ sở cơ
quan, rồi lại chia cho nhiều hộ ở.</p>
<p>Các tác giả phân tích cách kiến trúc Pháp được điều chỉnh cho khí hậu nhiệt đới: mái dốc, hành lang
rộng, cửa chớp và tầng hầm thông gió. Nhiều chi tiết trang trí mang dáng dấp Á Đông, cho thấy sự giao
thoa của hai nền văn hóa.</p>
<h2>Lời nhắc về bảo tồn</h2>
<p>Phần cuối sách dành cho những ngôi biệt thự đang xuống cấp hoặc đã bị cơi nới. Các tác giả mong cuốn
sách góp thêm tư liệu để việc bảo tồn được làm có căn cứ, trước khi những giá trị ấy biến mất.</p>
""",
    },
    {
        "title": "Mùa hoa sữa",
        "section": "van-hoc",
        "authors": ["thu-ha"],
        "published_at": "2026-11-19 06:30",
        "tags": ["Tản văn", "Mùa thu"],
        "picture": ("blossoms", "autumn"),
        "sapo": (
            "Một tản văn về thứ hương nồng nàn mà người Hà Nội vừa thương vừa trách, và về những con "
            "phố chỉ cần một đêm hoa sữa nở là thành kỷ niệm."
        ),
        "body": """
<p>Hoa sữa về không báo trước. Chỉ một tối đi làm về muộn, tôi bỗng thấy cả con phố Nguyễn Du ngập trong
một thứ hương nồng nàn, ngọt đến mức phải đi chậm lại. Những chùm hoa trắng ngà lấp ló trên cao, như ai
rắc sữa lên tán lá.</p>
<h2>Thương và trách</h2>
<p>Người Hà Nội có một mối quan hệ lạ với hoa sữa. Có người yêu đến mức mùa nào cũng đi tìm, có người
than phiền vì mùi hương quá đậm khiến đau đầu, mất ngủ. Những hàng hoa sữa trồng dày trước cửa sổ chung
cư từng là chuyện tranh luận của cả một khu phố.</p>
<p>Nhưng hễ đi xa, người ta lại nhớ. Bạn tôi ở trời Âu, mỗi độ tháng mười lại nhắn về: hoa sữa nở chưa?</p>
<h2>Một mùa của riêng Hà Nội</h2>
<p>Rồi đến một sáng có gió mùa về, hoa sữa rụng trắng vỉa hè, mùi hương nhạt dần. Mùa thu khép lại, và
tôi biết, sang năm, vào một tối nào đó, con phố lại lặng lẽ thơm như chưa từng có gì đổi khác.</p>
""",
    },
    {
        "title": "Chuyến tàu đêm về phố",
        "section": "van-hoc",
        "authors": ["thu-ha"],
        "published_at": "2026-11-11 07:10",
        "tags": ["Truyện ngắn"],
        "picture": ("skyline", "night"),
        "sapo": (
            "Truyện ngắn về một người đàn ông trở lại Hà Nội sau hai mươi năm xa quê, trên chuyến tàu "
            "đêm và trong cái ngõ nhỏ mà anh tưởng mình đã quên."
        ),
        "body": """
<p>Tàu vào ga Hà Nội lúc gần nửa đêm. Anh xách chiếc va li cũ bước xuống, đứng lặng một lúc trên sân ga.
Hai mươi năm, tiếng loa vẫn thế, mùi than và mùi sắt thép vẫn thế, chỉ có anh là đã khác.</p>
<h2>Con ngõ cũ</h2>
<p>Anh đi bộ qua phố Lê Duẩn, rẽ vào con ngõ nhỏ dẫn về căn nhà thời thơ ấu. Quán nước đầu ngõ vẫn còn,
bà cụ bán hàng giờ là cô con gái đã ngoài năm mươi. Cô nhìn anh rất lâu rồi reo lên gọi đúng cái tên
mà cả xóm ngày xưa vẫn gọi.</p>
<p>Căn nhà đã có người khác ở. Cây bàng trước cửa vẫn đứng đó, gốc to gấp đôi. Anh chạm tay vào lớp vỏ
sần sùi, nhớ những buổi trưa trốn ngủ trèo lên hái quả.</p>
<h2>Trở về</h2>
<p>Đêm ấy anh ngồi ở quán nước đến khi trời sáng, nghe cô bán hàng kể chuyện xóm ngõ: ai đã đi, ai mới
về, đứa nào vừa cưới vợ. Khi những chuyến tàu sớm bắt đầu kéo còi, anh hiểu rằng mình không trở về để
tìm lại căn nhà. Anh trở về để biết mình vẫn còn được gọi tên ở đây.</p>
""",
    },
    {
        "title": "Thơ viết ở bến sông Hồng",
        "section": "van-hoc",
        "authors": ["thu-ha"],
        "published_at": "2026-11-04 07:30",
        "tags": ["Thơ", "Sông Hồng"],
        "picture": ("bridge", "travel"),
        "sapo": (
            "Chùm thơ về dòng sông đỏ nặng phù sa, về cây cầu sắt trăm tuổi và những bãi ngô ven đê, "
            "kèm lời tâm sự của tác giả về nơi đã nuôi dưỡng những câu thơ đầu tiên."
        ),
        "body": """
<p>Tác giả của chùm thơ lớn lên ở một xóm bãi ven sông Hồng. Những buổi chiều theo mẹ ra bãi ngô, những
đêm mùa lũ thức trắng nghe nước vỗ chân đê đã đi vào thơ chị một cách tự nhiên.</p>
<h2>Bến sông</h2>
<p>Sông chiều đỏ nặng phù sa,<br>
cầu xưa gác nắng đi qua bãi bồi.<br>
Con đò ngang vẫn chờ tôi,<br>
chở về bến cũ những hồi ấu thơ.</p>
<h2>Bãi ngô</h2>
<p>Bãi ngô xanh đến chân trời,<br>
mẹ đi cuối bãi, tôi ngồi đầu sông.<br>
Gió mang hương cốm về đồng,<br>
thơm như tiếng gọi trong lòng phố xa.</p>
<p>Chị viết: "Hà Nội trong tôi không bắt đầu từ phố cổ, mà từ bến sông này. Mỗi lần qua cầu Long Biên,
tôi vẫn ngoái nhìn xuống bãi, như sợ nó đã đi đâu mất."</p>
""",
    },
    {
        "title": "Bà tôi và gánh cốm làng Vòng",
        "section": "van-hoc",
        "authors": ["minh-chau"],
        "published_at": "2026-10-28 06:50",
        "tags": ["Tản văn", "Ẩm thực"],
        "picture": ("fields", "autumn"),
        "sapo": (
            "Ký ức về người bà từng gánh cốm từ làng Vòng vào phố mỗi sớm thu, về lá sen gói cốm và "
            "cách ăn cốm chậm rãi mà bây giờ ít ai còn giữ."
        ),
        "body": """
<p>Mỗi năm, khi những cơn gió heo may đầu tiên về, tôi lại nhớ bà. Ngày ấy, bà dậy từ ba giờ sáng, gánh
cốm từ làng Vòng đi bộ vào phố, kịp bán cho những nhà quen trước khi họ đi làm.</p>
<h2>Hạt cốm và lá sen</h2>
<p>Cốm ngon phải làm từ lúa nếp non, rang rồi giã nhiều lượt, sàng sảy kỹ cho hạt dẹt, mỏng và xanh. Bà
gói cốm trong lá sen, buộc bằng sợi rơm, bảo thế thì cốm mới giữ được hương. Khách quen chỉ cần mở lá
là biết cốm hôm ấy ngon hay không.</p>
<p>Bà dạy tôi ăn cốm: bốc từng nhúm nhỏ, nhai thật chậm cho thấy vị ngọt bùi và mùi thơm của lúa non.
Ăn cốm vội, bà bảo, là phí cả một mùa.</p>
<h2>Làng Vòng hôm nay</h2>
<p>Làng Vòng giờ đã thành phố, ruộng lúa nhường chỗ cho nhà cao tầng. Vẫn còn vài gia đình giữ nghề,
nhưng lúa phải mua từ những vùng xa hơn. Mỗi lần đi qua, tôi lại dừng xe mua một gói cốm, mở lá sen ra
và như thấy bà đang đứng đó, chiếc đòn gánh nghiêng trên vai.</p>
""",
    },
    {
        "title": "Về Đường Lâm ngắm làng cổ xứ Đoài",
        "section": "du-lich",
        "authors": ["hoang-lam"],
        "published_at": "2026-11-18 08:00",
        "tags": ["Làng cổ", "Ngoại thành"],
        "picture": ("rooftops", "craft"),
        "sapo": (
            "Cách trung tâm Hà Nội khoảng 50 km, làng cổ Đường Lâm giữ những ngôi nhà đá ong, cổng làng "
            "và đình Mông Phụ hàng trăm năm tuổi: một ngày đi chậm cho cả gia đình."
        ),
        "body": """
<p>Đường Lâm là làng cổ đầu tiên của Việt Nam được công nhận là di tích quốc gia. Đi dọc những con ngõ
lát gạch, hai bên là tường đá ong sẫm màu, du khách có cảm giác thời gian như chậm lại.</p>
<h2>Nên xem gì</h2>
<p>Cổng làng Mông Phụ với cây đa cổ thụ, đình Mông Phụ mái cong, những ngôi nhà cổ vẫn có người ở và mở
cửa đón khách là các điểm không thể bỏ qua. Làng còn là quê hương của hai vị vua Phùng Hưng và Ngô
Quyền, với đền thờ, lăng mộ được nhân dân gìn giữ.</p>
<p>Bữa trưa nên thử gà Mía, tương Đường Lâm, chè kho và bánh tẻ. Nhiều gia đình nhận nấu cơm cho khách
theo đặt trước.</p>
<h2>Đi thế nào</h2>
<p>Từ trung tâm, có thể đi xe máy, ô tô hoặc xe buýt về thị xã Sơn Tây rồi đi tiếp vài cây số. Nên đi
vào ngày thường để tránh đông, và nhớ rằng đây là làng có người sống: hãy xin phép trước khi vào sân nhà
hay chụp ảnh người dân.</p>
""",
    },
    {
        "title": "Một ngày đạp xe quanh Hồ Tây",
        "section": "du-lich",
        "authors": ["hoang-lam"],
        "published_at": "2026-11-14 07:20",
        "tags": ["Hồ Tây", "Du lịch"],
        "picture": ("lake", "travel"),
        "sapo": (
            "Vòng quanh hồ dài khoảng 17 km, qua chùa Trấn Quốc, phủ Tây Hồ, làng hoa Nhật Tân và những "
            "quán bánh tôm ven hồ: gợi ý lịch trình cho một ngày cuối tuần."
        ),
        "body": """
<p>Đạp xe quanh Hồ Tây là cách đơn giản để thấy một Hà Nội thoáng đãng. Có thể thuê xe đạp công cộng
bằng ứng dụng điện thoại ở nhiều điểm quanh hồ, trả xe ở bất kỳ trạm nào.</p>
<h2>Buổi sáng: chùa Trấn Quốc và phủ Tây Hồ</h2>
<p>Bắt đầu từ đường Thanh Niên, ghé chùa Trấn Quốc, một trong những ngôi chùa cổ nhất Hà Nội. Tiếp tục
theo đường ven hồ lên phủ Tây Hồ, nơi thờ Mẫu Liễu Hạnh, rồi nghỉ chân uống một cốc trà sen.</p>
<p>Đoạn đường qua làng hoa Nhật Tân, Quảng An yên tĩnh hơn, với những vườn đào, vườn quất và nhiều quán cà
phê nhỏ nhìn ra mặt hồ.</p>
<h2>Buổi chiều: bánh tôm và hoàng hôn</h2>
<p>Quay lại phía đường Thanh Niên vào cuối chiều để thưởng thức bánh tôm Hồ Tây và ngắm hoàng hôn. Lưu ý
đường ven hồ có đoạn hẹp, đông xe vào giờ tan tầm; nên đội mũ bảo hiểm và mang theo nước.</p>
""",
    },
    {
        "title": "Khách quốc tế đến Hà Nội tăng mạnh trong mùa thu",
        "section": "du-lich",
        "authors": ["hoang-lam"],
        "published_at": "2026-11-08 15:40",
        "tags": ["Du lịch", "Khách quốc tế"],
        "picture": ("landscape", "autumn"),
        "sapo": (
            "Thời tiết dễ chịu, nhiều đường bay mới và các sự kiện văn hóa đưa lượng khách quốc tế đến "
            "Thủ đô lên cao; doanh nghiệp lữ hành đẩy mạnh các tour trải nghiệm ẩm thực và làng nghề."
        ),
        "body": """
<p>Mùa thu luôn là mùa đẹp nhất để đến Hà Nội: trời trong, nắng nhẹ, không khí mát mẻ. Năm nay, các khách
sạn trong khu phố cổ và quanh hồ Hoàn Kiếm ghi nhận công suất phòng cao từ cuối tháng chín.</p>
<h2>Khách ở lại lâu hơn</h2>
<p>Các doanh nghiệp lữ hành cho biết, khách quốc tế không chỉ tham quan những điểm quen thuộc như Văn
Miếu, Lăng Chủ tịch Hồ Chí Minh hay phố cổ, mà còn muốn học nấu ăn, đạp xe ra ngoại thành, thăm làng
gốm, làng lụa. Những trải nghiệm ấy giúp họ ở lại thêm một, hai ngày.</p>
<p>Ẩm thực đường phố vẫn là thế mạnh: phở, bún chả, bánh cuốn và cà phê trứng xuất hiện trong hầu hết
các lịch trình.</p>
<h2>Nâng chất lượng dịch vụ</h2>
<p>Ngành Du lịch Thủ đô đang tập huấn kỹ năng ngoại ngữ cho người bán hàng ở các điểm đến, tăng biển chỉ
dẫn song ngữ và khuyến khích thanh toán không dùng tiền mặt, để khách quốc tế cảm thấy được chào đón.</p>
""",
    },
]

# The home page's lead list ("Tiêu điểm"), newest first: the first is the lead story.
TIEU_DIEM = [
    "Người dân góp ý dự thảo quy hoạch không gian xanh nội đô",
    "Quận Đống Đa tiếp tục đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính",
    "Kỳ họp thường lệ cuối năm của HĐND Thành phố sẽ xem xét nhiều nghị quyết quan trọng",
    "Phường Văn Miếu - Quốc Tử Giám ra mắt mô hình tổ dân phố văn minh",
    "Phố cổ Hà Nội những ngày đầu đông",
]
