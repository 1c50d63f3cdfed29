from tests.reports.summary_data import submit, previous_campaign, INCIDENT
from reports.selectors.figures import national_figures
from reports.documents.summary import generate_summary_html, summary_charts
from reports.documents.docx import build_summary_docx
from reports.documents.charts import render_png
import time

def test_smoke(campaign, tmp_path):
    prev = previous_campaign()
    submit(prev, "beijing")
    submit(campaign, "beijing", values=INCIDENT, summary="<p>北京保监局组织开展“保险进社区”活动120场，受到群众欢迎。<script>alert(1)</script>另有<img src=x onerror=alert(2)>内容。</p>")
    submit(campaign, "shanghai", late=True, summary="<p>上海保监局召开社会监督员座谈会，听取意见建议。第二句话。</p>")
    f = national_figures(campaign)
    html = generate_summary_html(f)
    open("/tmp/summary.html","w").write(html)
    charts = summary_charts(f)
    t=time.time()
    for c in charts: open(f"/tmp/{c.key}.png","wb").write(render_png(c))
    print("png", (time.time()-t)/len(charts))
    open("/tmp/summary.docx","wb").write(build_summary_docx(campaign=campaign, html=html, charts=charts))
