"""Demo content: the reference article of the magazine and the stories around it.

The reference article and the "Nổi bật" / "Đừng bỏ lỡ" titles and excerpts are
those of the magazine's page (shared/seed/article.txt); the few other articles
only fill the section blocks and carry neutral text.
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

# The "Nổi bật" stories of the reference page, in its order, with its excerpts.
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
        "tags": ["Phạm Văn Đồng", "Kỷ niệm"],
        "palette": "portrait",
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
        "tags": ["Nghị quyết 80-NQ/TW", "Văn hóa"],
        "palette": "culture",
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
        "tags": ["Truyện ngắn", "Mùa xuân"],
        "palette": "spring",
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
        "tags": ["Du lịch", "Tết Nguyên đán"],
        "palette": "travel",
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
        "tags": ["Bầu cử", "HĐND Thành phố"],
        "palette": "civic",
    },
]

# Neutral filler so that every section block and tag page has a few stories.
FILLERS = [
    # (title, section, authors, published_at, tags, palette)
    ("Phố cổ Hà Nội những ngày đầu đông", "van-hoa", ["minh-chau"], "2026-11-20 08:30",
     ["Phố cổ", "Văn hóa"], "autumn"),
    ("Gìn giữ nghề truyền thống ở các làng ven đô", "van-hoa", ["minh-chau"], "2026-11-18 14:00",
     ["Làng nghề", "Văn hóa"], "craft"),
    ("Quận Đống Đa tiếp tục đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính", "ha-noi",
     ["huyen-anh"], "2026-11-24 09:00", ["Đống Đa", "Cải cách hành chính", "Chuyển đổi số"], "civic"),
    ("Hồ Tây, một buổi sáng mùa thu", "van-hoc", ["thu-ha"], "2026-11-15 06:45",
     ["Tản văn", "Hồ Tây"], "lake"),
    ("Những cung đường ngắm hoa ven Thủ đô", "du-lich", ["hoang-lam"], "2026-11-22 11:00",
     ["Du lịch", "Ngoại thành"], "spring"),
    ("Người dân góp ý dự thảo quy hoạch không gian xanh nội đô", "thoi-su", ["huyen-anh"],
     "2026-11-25 17:10", ["Quy hoạch", "Đô thị"], "lake"),
    # More filler so that every section block of the home page is full.
    ("Phường Văn Miếu - Quốc Tử Giám ra mắt mô hình tổ dân phố văn minh", "ha-noi", ["huyen-anh"],
     "2026-11-21 15:20", ["Đống Đa", "Đô thị"], "civic"),
    ("Hà Nội mở thêm ba tuyến xe buýt điện kết nối các khu đô thị phía Tây", "ha-noi", ["huyen-anh"],
     "2026-11-19 10:05", ["Giao thông", "Đô thị"], "travel"),
    ("Cải tạo vườn hoa, sân chơi cho trẻ em trong các khu tập thể cũ", "ha-noi", ["minh-chau"],
     "2026-11-12 08:40", ["Đô thị", "Không gian công cộng"], "spring"),
    ("Kỳ họp thường lệ cuối năm của HĐND Thành phố sẽ xem xét nhiều nghị quyết quan trọng", "thoi-su",
     ["huyen-anh"], "2026-11-23 14:30", ["HĐND Thành phố"], "civic"),
    ("Đẩy nhanh giải ngân vốn đầu tư công những tháng cuối năm", "thoi-su", ["huyen-anh"],
     "2026-11-17 09:15", ["Đầu tư công", "Kinh tế"], "portrait"),
    ("Thủ đô chuẩn bị các điều kiện đón mùa lễ hội cuối năm an toàn", "thoi-su", ["minh-chau"],
     "2026-11-13 16:00", ["Lễ hội", "An ninh trật tự"], "culture"),
    ("Triển lãm ảnh tư liệu về Hà Nội những năm đầu giải phóng Thủ đô", "van-hoa", ["minh-chau"],
     "2026-11-16 10:30", ["Triển lãm", "Lịch sử"], "portrait"),
    ("Ca trù ở phố Hàng Bạc: giữ lửa cho một di sản", "van-hoa", ["minh-chau"],
     "2026-11-10 19:45", ["Ca trù", "Di sản"], "culture"),
    ("Sách mới về kiến trúc biệt thự Pháp ở Hà Nội", "van-hoa", ["thu-ha"],
     "2026-11-06 09:00", ["Kiến trúc", "Sách"], "autumn"),
    ("Mùa hoa sữa", "van-hoc", ["thu-ha"], "2026-11-19 06:30", ["Tản văn", "Mùa thu"], "autumn"),
    ("Chuyến tàu đêm về phố", "van-hoc", ["thu-ha"], "2026-11-11 07:10", ["Truyện ngắn"], "lake"),
    ("Thơ viết ở bến sông Hồng", "van-hoc", ["thu-ha"], "2026-11-04 07:30", ["Thơ", "Sông Hồng"], "travel"),
    ("Bà tôi và gánh cốm làng Vòng", "van-hoc", ["minh-chau"], "2026-10-28 06:50",
     ["Tản văn", "Ẩm thực"], "craft"),
    ("Về Đường Lâm ngắm làng cổ xứ Đoài", "du-lich", ["hoang-lam"], "2026-11-18 08:00",
     ["Làng cổ", "Ngoại thành"], "craft"),
    ("Một ngày đạp xe quanh Hồ Tây", "du-lich", ["hoang-lam"], "2026-11-14 07:20",
     ["Hồ Tây", "Du lịch"], "lake"),
    ("Khách quốc tế đến Hà Nội tăng mạnh trong mùa thu", "du-lich", ["hoang-lam"], "2026-11-08 15:40",
     ["Du lịch", "Khách quốc tế"], "travel"),
]

FILLER_SAPO = "Ghi chép của Tạp chí Người Hà Nội: {title}."

FILLER_BODY = (
    "<p>Bài viết là nội dung minh hoạ của bản trình diễn Người Hà Nội CMS, dùng để giới thiệu "
    "cách trình bày trang chuyên mục, thẻ và bài liên quan.</p>"
    "<h2>Nội dung minh hoạ</h2>"
    "<p>Ban biên tập sẽ thay nội dung này bằng bài viết thật khi đưa hệ thống vào sử dụng.</p>"
)

# The reference page gives only the excerpt of these stories; the demo says so.
HIGHLIGHT_BODY = (
    "<p>{sapo}</p>"
    "<p><em>Bản trình diễn chỉ có phần mở đầu của bài viết này.</em></p>"
)
